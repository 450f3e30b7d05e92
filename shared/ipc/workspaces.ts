import { z } from 'zod';
import { PERSONALIZE_REGIONS } from '../rules/limits.js';
import { WorkspaceRef } from './common.js';

/** A Region that offers Amazon Personalize (`us-east-1`, `eu-west-1`…; shared/rules/limits.ts). */
export const RegionSchema = z.string().refine((region) => PERSONALIZE_REGIONS.includes(region), {
  error: (issue) =>
    `Amazon Personalize is not offered in "${String(issue.input)}". Choose one of ${PERSONALIZE_REGIONS.join(', ')}.`,
});

/** A 12-digit AWS account id. */
export const AccountIdSchema = z.string().regex(/^\d{12}$/u, 'An AWS account id has 12 digits.');

/**
 * Prefix of every resource name a workspace creates: Personalize's name rule
 * (`^[a-zA-Z0-9][a-zA-Z0-9\-_]*`, SPEC §2.1) and short enough for the longest suffix the
 * studio appends (`-user-personalization-YYYY…`) to fit the 63-character limit.
 */
export const ResourcePrefixSchema = z
  .string()
  .min(2, 'A prefix has at least 2 characters.')
  .max(24, 'A prefix has at most 24 characters, so that every resource name stays under 63.')
  .regex(
    /^[a-z0-9][a-z0-9-]*$/u,
    'Use lower-case letters, digits and hyphens, starting with a letter or digit (S3 bucket names share the prefix).',
  );

/** Tags applied to everything a workspace creates: AWS's key/value rules (no `aws:` keys). */
export const WorkspaceTagsSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(128)
      .refine(
        (key) => !key.toLowerCase().startsWith('aws:'),
        'Tag keys starting with aws: are reserved by AWS.',
      ),
    z.string().max(256),
  )
  .refine((tags) => Object.keys(tags).length <= 40, 'At most 40 tags (the studio adds its own).');

/**
 * Where a workspace's calls go (ARCHITECTURE.md, "Two targets, one code path"): the embedded
 * Local sandbox, or an AWS account through a named profile of the user's AWS config files, in a
 * region, with the account id the profile must resolve to (recorded on first connect when
 * left out).
 */
export const WorkspaceTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sandbox'), region: RegionSchema }),
  z.object({
    kind: z.literal('aws'),
    profile: z.string().min(1, 'Choose an AWS profile.'),
    region: RegionSchema,
    accountId: AccountIdSchema.optional(),
  }),
]);
/** See {@link WorkspaceTargetSchema}. */
export type WorkspaceTarget = z.infer<typeof WorkspaceTargetSchema>;

/** A workspace — one customer POC — as the renderer sees it: never credentials. */
export const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  target: WorkspaceTargetSchema,
  /** The account the target resolved to on first connect; every create and delete checks it. */
  accountId: AccountIdSchema.optional(),
  prefix: ResourcePrefixSchema,
  tags: z.record(z.string(), z.string()),
  notes: z.string(),
  /** The environment the setup domain creates: bucket and the IAM role Personalize assumes. */
  setup: z.object({ bucket: z.string(), roleName: z.string() }),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
});
/** See {@link WorkspaceSchema}. */
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** S3 bucket names (S3 User Guide, "Bucket naming rules"): 3..63 of a-z 0-9 . -, starting and ending alphanumeric. */
export const BucketNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/u,
    'A bucket name has 3-63 characters: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  );

/** IAM role names (IAM API reference, CreateRole): 1..64 of `[\w+=,.@-]`. */
export const RoleNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/u, 'A role name has 1-64 characters: letters, digits and +=,.@_-.');

/** The environment names a consultant may choose instead of the generated ones. */
const SetupNamesSchema = z.object({
  bucket: BucketNameSchema.optional(),
  roleName: RoleNameSchema.optional(),
});

const NameSchema = z
  .string()
  .trim()
  .min(1, 'Give the workspace a name, e.g. the customer.')
  .max(80, 'A workspace name has at most 80 characters.');
const NotesSchema = z.string().max(10_000, 'Notes hold at most 10,000 characters.');

/** Channels of the `workspaces` domain: one workspace per customer POC. */
export const workspacesChannels = {
  'workspaces.list': {
    input: z.object({}),
    output: z.object({ workspaces: z.array(WorkspaceSchema), currentId: z.string() }),
  },
  /** The workspace the window shows; persisted, so a restart shows it again. */
  'workspaces.select': { input: WorkspaceRef, output: WorkspaceSchema },
  'workspaces.create': {
    input: z.object({
      name: NameSchema,
      target: WorkspaceTargetSchema,
      prefix: ResourcePrefixSchema.optional(),
      tags: WorkspaceTagsSchema.default({}),
      notes: NotesSchema.default(''),
      /** Bucket and role names to use instead of the generated ones (e.g. an existing bucket). */
      setup: SetupNamesSchema.optional(),
    }),
    output: WorkspaceSchema,
  },
  /**
   * Renames, re-tags or re-notes a workspace, renames its bucket and role, or corrects its target
   * (profile, region, account id) while it has no resources; the prefix stays.
   */
  'workspaces.update': {
    input: WorkspaceRef.extend({
      name: NameSchema.optional(),
      tags: WorkspaceTagsSchema.optional(),
      notes: NotesSchema.optional(),
      setup: SetupNamesSchema.optional(),
      /** Another target (e.g. the right profile or account id), while the workspace has no resources. */
      target: WorkspaceTargetSchema.optional(),
    }),
    output: WorkspaceSchema,
  },
  /** A new workspace with the same target, tags, notes and chosen files, and a new prefix. */
  'workspaces.duplicate': {
    input: WorkspaceRef.extend({ name: NameSchema }),
    output: WorkspaceSchema,
  },
  /**
   * Deletes a workspace. `teardown: true` first deletes every resource it created (a job: the
   * workspace goes once the teardown succeeded); `false` keeps them in the account.
   */
  'workspaces.delete': {
    input: WorkspaceRef.extend({ teardown: z.boolean() }),
    output: z.object({ jobId: z.string().optional() }),
  },
} as const;
