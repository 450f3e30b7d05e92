import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { S3Client } from '@aws-sdk/client-s3';

/** Static SigV4 credentials of the test clients. */
export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Dummy credentials: the sandbox never verifies signatures (SPEC §1.6) and, without `accessKeyId`, accepts any key. */
const CREDENTIALS: TestCredentials = {
  accessKeyId: 'AKIDSANDBOX',
  secretAccessKey: 'sandbox-secret',
};

/** The real SDK clients pointed at a sandbox endpoint, as the app configures them. */
export interface SandboxClients {
  readonly personalize: PersonalizeClient;
  readonly runtime: PersonalizeRuntimeClient;
  readonly s3: S3Client;
}

/** Builds the three clients for `endpoint` in `us-east-1` (S3 path-style), signing with `credentials` (default dummy ones). */
export function sandboxClients(
  endpoint: string,
  credentials: TestCredentials = CREDENTIALS,
): SandboxClients {
  const common = { region: 'us-east-1', endpoint, credentials };
  return {
    personalize: new PersonalizeClient(common),
    runtime: new PersonalizeRuntimeClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
}

/**
 * Polls `describe` every 50 ms until the status is not one of `transient`; returns the status
 * history seen (deduplicated), ending with the final status.
 *
 * @throws Error after `timeoutMs` (default 60 s).
 */
export async function pollStatus(
  describe: () => Promise<string | undefined>,
  transient: readonly string[],
  timeoutMs = 60_000,
): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await describe()) ?? '(none)';
    if (seen[seen.length - 1] !== status) seen.push(status);
    if (!transient.includes(status)) return seen;
    if (Date.now() > deadline) throw new Error(`Still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Statuses of the create path before a terminal one (SPEC §2.2). */
export const CREATE_TRANSIENT = ['CREATE PENDING', 'CREATE IN_PROGRESS'] as const;

/** An Avro Interactions schema with USER_ID, ITEM_ID, TIMESTAMP and EVENT_TYPE (SPEC §4.4). */
export const INTERACTIONS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Interactions',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'EVENT_TYPE', type: 'string' },
  ],
  version: '1.0',
});
