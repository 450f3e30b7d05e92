import { z } from 'zod';

/** What a channel that starts long work returns: the id of its job (STYLE.md §2, IPC contract 5). */
export const JobStarted = z.object({ jobId: z.string() });

/** Input of every channel that acts on one workspace. */
export const WorkspaceRef = z.object({ workspaceId: z.string().min(1) });
