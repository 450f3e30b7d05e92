import type { GuideChoices } from '../../../shared/guide.js';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import type { JobProgress } from '../../../shared/jobs.js';
import type { OwnerCandidate } from '../../../shared/inventory/ownership.js';
import type { AwsClients } from '../aws/client-factory.js';
import type { Poller } from '../jobs/poller.js';
import type { ResourceCache } from './resource-cache.js';

/** A tag as Personalize's Create* calls take it. */
export interface PersonalizeTag {
  readonly tagKey: string;
  readonly tagValue: string;
}

/**
 * Everything a domain service needs to act on one workspace: its configuration, SDK clients,
 * resource cache, the guide's choices, a poller, a cancel signal and a progress sink.
 *
 * The same services run under a job (app) and inline (scripts); only this context differs.
 */
export interface ServiceContext {
  /** The workspace as it is now (a snapshot). */
  readonly workspace: Workspace;
  /**
   * Every workspace of the studio (ids and name prefixes), for the ownership rule of the inventory
   * and the teardown: an untagged resource belongs to the longest prefix its name carries, so a
   * workspace `poc` never takes `poc-retail-…`. Absent: only this workspace is known.
   */
  readonly workspaces?: readonly OwnerCandidate[] | undefined;
  readonly clients: AwsClients;
  /** Waits between Describe calls (backoff, jitter, longer on throttling). */
  readonly poller: Poller;
  /** What the service said about the workspace's resources; services record every response here. */
  readonly resources: ResourceCache;
  /** Cancels the work; services check it after every await. */
  readonly signal?: AbortSignal | undefined;
  /** Directory for working copies (decompressed uploads); customer files are never modified. */
  readonly workDir: string;
  /** Tags for every Create call: the studio's workspace tag plus the workspace's own. */
  readonly tags: readonly PersonalizeTag[];
  /** The guide's choices (a snapshot). */
  getChoices(): GuideChoices;
  /** Applies `mutate` to a copy of the choices, persists them, then notifies; resolves with the new choices. */
  updateChoices(mutate: (draft: GuideChoices) => void): Promise<GuideChoices>;
  /** Reports progress: a human-readable step and, when known, how much of the total is done. */
  report(
    step: string,
    progress?: {
      readonly done: number;
      readonly total: number;
      /** `'rows'`, `'resources'`, `'phase'`, `'items'`; default `'steps'` (see shared/jobs.ts). */
      readonly unit?: string;
      /** The current phase ("Training", "Reading metrics"), shown beside the bar. */
      readonly phase?: string;
      /** More than one count at once, e.g. rows uploaded and rows imported. */
      readonly measures?: JobProgress['measures'];
    },
  ): Promise<void>;
}
