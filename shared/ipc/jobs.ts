import { z } from 'zod';
import { JobSchema } from '../jobs.js';
import { WorkspaceRef } from './common.js';

/** Channels of the `jobs` domain (shared by every domain's long work). */
export const jobsChannels = {
  'jobs.list': { input: WorkspaceRef.partial(), output: z.array(JobSchema) },
  'jobs.cancel': { input: z.object({ jobId: z.string() }), output: z.object({}) },
} as const;
