import { z } from 'zod';

/** Channels of the `app` domain: what the host is and can do. */
export const appChannels = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      canPickFilesNatively: z.boolean(),
    }),
  },
} as const;
