import { z } from 'zod';
import { WorkspaceRef } from './common.js';

/** Kinds of AWS profile the studio understands (ACCOUNTS.md §3). */
export const ProfileKindSchema = z.enum([
  'static',
  'assumeRole',
  'credentialProcess',
  'sso',
  'ssoSession',
  'unknown',
]);
/** See {@link ProfileKindSchema}. */
export type ProfileKind = z.infer<typeof ProfileKindSchema>;

/** A profile of the user's AWS config files, as the renderer may see it: never a secret. */
export const ProfileSummarySchema = z.object({
  name: z.string(),
  kind: ProfileKindSchema,
  region: z.string().optional(),
  ssoSession: z.string().optional(),
  ssoStartUrl: z.string().optional(),
  ssoAccountId: z.string().optional(),
  ssoRoleName: z.string().optional(),
  roleArn: z.string().optional(),
  sourceProfile: z.string().optional(),
  mfaSerial: z.string().optional(),
  /** The configured endpoint (`endpoint_url` or a `services` section), when the profile has one. */
  endpointUrl: z.string().optional(),
});
/** See {@link ProfileSummarySchema}. */
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;

/**
 * Who a workspace's calls run as (STS GetCallerIdentity), for the account banner.
 * `state`: `ok`; `wrongAccount` (resolves to another account than the workspace's: every create
 * and delete is refused); `signInNeeded` (SSO token or credentials expired: jobs paused);
 * `error` (anything else, `message` says what).
 */
export const IdentitySchema = z.object({
  workspaceId: z.string(),
  state: z.enum(['ok', 'wrongAccount', 'signInNeeded', 'mfaNeeded', 'error']),
  targetKind: z.enum(['sandbox', 'aws']),
  region: z.string(),
  profile: z.string().optional(),
  /** The account the workspace must be in. */
  expectedAccountId: z.string().optional(),
  accountId: z.string().optional(),
  arn: z.string().optional(),
  /** Role name for assumed-role identities (`AWSReservedSSO_…`, the role of an assume-role profile). */
  roleName: z.string().optional(),
  /** Expiry of the SSO token of the profile, epoch ms, when it has one. */
  ssoExpiresAtMs: z.number().optional(),
  endpointUrl: z.string().optional(),
  message: z.string().optional(),
  checkedAtMs: z.number(),
});
/** See {@link IdentitySchema}. */
export type Identity = z.infer<typeof IdentitySchema>;

/** A device sign-in under way: the page to open and the code to confirm there. */
export const SignInSchema = z.object({
  workspaceId: z.string(),
  state: z.enum(['pending', 'succeeded', 'failed']),
  verificationUriComplete: z.string(),
  userCode: z.string(),
  /** When the code stops working, epoch ms. */
  expiresAtMs: z.number(),
  message: z.string().optional(),
});
/** See {@link SignInSchema}. */
export type SignIn = z.infer<typeof SignInSchema>;

/** Channels of the `accounts` domain: AWS profiles, SSO sign-in, caller identity. */
export const accountsChannels = {
  'accounts.profiles': { input: z.object({}), output: z.array(ProfileSummarySchema) },
  /** Calls STS GetCallerIdentity for the workspace (and records its account on first connect). */
  'accounts.identity': { input: WorkspaceRef, output: IdentitySchema },
  /**
   * Starts the SSO device sign-in of the workspace's profile: the main process opens the page
   * (the browser host cannot, so the renderer shows the link and code); completion arrives as
   * `accounts.didChange`, and the workspace's paused jobs resume.
   */
  'accounts.signIn': { input: WorkspaceRef, output: SignInSchema },
  /** Answers the MFA prompt of an assume-role profile (renderer → main only). */
  'accounts.mfa': {
    input: WorkspaceRef.extend({ code: z.string().regex(/^\d{6}$/u, 'An MFA code has 6 digits.') }),
    output: z.object({}),
  },
} as const;
