import { z } from 'zod';
import { JobStarted, WorkspaceRef } from './common.js';

/** One element of the environment setup and whether the account has it as the studio wants it. */
export const SetupItemSchema = z.object({
  kind: z.enum([
    'bucket',
    'bucketEncryption',
    'publicAccessBlock',
    'bucketPolicy',
    'bucketTags',
    'role',
    'roleTrustPolicy',
    'rolePolicy',
    'roleTags',
  ]),
  name: z.string(),
  state: z.enum(['present', 'missing', 'different']),
  detail: z.string(),
});
/** See {@link SetupItemSchema}. */
export type SetupItem = z.infer<typeof SetupItemSchema>;

/** The pre-flight check of a workspace's environment: what exists and what is missing. */
export const SetupPlanSchema = z.object({
  items: z.array(SetupItemSchema),
  isComplete: z.boolean(),
  roleArn: z.string(),
  bucketArn: z.string(),
});
/** See {@link SetupPlanSchema}. */
export type SetupPlan = z.infer<typeof SetupPlanSchema>;

/** Channels of the `setup` domain: the S3 bucket, its policy and the IAM role for Personalize. */
export const setupChannels = {
  /** Read-only pre-flight: lists what exists and what is missing. */
  'setup.check': { input: WorkspaceRef, output: SetupPlanSchema },
  /** Creates what is missing (idempotent: a second run changes nothing), as a job. */
  'setup.apply': { input: WorkspaceRef, output: JobStarted },
} as const;
