import type { PocState } from '../../../shared/poc.js';
import type { AwsClients } from '../aws/client-factory.js';
import type { Poller } from '../jobs/poller.js';

/**
 * Everything a POC service needs: the workspace's clients, its PocState and a way to report.
 *
 * The same services run under a job (app) and inline (CLI `demo`); only this context differs.
 */
export interface PocContext {
  /** Workspace id, e.g. `local-sandbox`; used in resource names. */
  readonly workspaceId: string;
  readonly clients: AwsClients;
  /** Waits between Describe calls (backoff, jitter, longer on throttling). */
  readonly poller: Poller;
  /** Cancels the work; services check it after every await. */
  readonly signal?: AbortSignal | undefined;
  /** Directory for working copies (decompressed uploads); customer files are never modified. */
  readonly workDir: string;
  /** The current state (a snapshot). */
  getState(): PocState;
  /**
   * Applies `mutate` to a copy of the state, persists it, then emits `poc.didChange`.
   * Calls are serialised; resolves with the new state.
   */
  updateState(mutate: (draft: PocState) => void): Promise<PocState>;
  /** Reports progress: a human-readable step and, when known, steps done of total. */
  report(step: string, progress?: { readonly done: number; readonly total: number }): Promise<void>;
}

/** Lower-case slug of a workspace id for S3 and Personalize names (≤ 20 chars). */
export function workspaceSlug(workspaceId: string): string {
  const slug = workspaceId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 20)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : 'poc';
}

/** Bucket name of a POC: `poc-studio-<workspace>-<suffix>` (3..63 chars, lower case). */
export function bucketName(workspaceId: string, suffix: string): string {
  return `poc-studio-${workspaceSlug(workspaceId)}-${suffix}`;
}

/**
 * Prefix of every Personalize name of the POC, derived from its bucket
 * (`poc-studio-ws-ab12cd` → `poc-ws-ab12cd`), so that two POCs never clash.
 * @throws Error when the environment step has not run (a bug: every step runs it first).
 */
export function namePrefix(state: PocState): string {
  if (state.bucket === undefined) throw new Error('The POC has no bucket yet: run the environment step first.');
  return state.bucket.replace(/^poc-studio-/, 'poc-');
}

/** Short form of a recipe for names: `aws-user-personalization` → `user-personalization`. */
export function recipeShortName(recipe: string): string {
  return recipe.replace(/^aws-/, '');
}
