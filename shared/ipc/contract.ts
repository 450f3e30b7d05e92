import type { z } from 'zod';
import { accountsChannels } from './accounts.js';
import { appChannels } from './app.js';
import { batchChannels } from './batch.js';
import { campaignsChannels } from './campaigns.js';
import { dataChannels, prepareChannels } from './data.js';
import { eventTrackersChannels } from './event-trackers.js';
import { filtersChannels } from './filters.js';
import { datasetsChannels } from './datasets.js';
import { guideChannels } from './guide.js';
import { inventoryChannels } from './inventory.js';
import { jobsChannels } from './jobs.js';
import { recommendationsChannels } from './recommendations.js';
import { schemasChannels } from './schemas.js';
import { setupChannels } from './setup.js';
import { solutionsChannels } from './solutions.js';
import { workspacesChannels } from './workspaces.js';

export {
  DataCheckSchema,
  DataPreviewSchema,
  FileEntrySchema,
  type DataCheck,
  type DataPreview,
} from './data.js';
export { WorkspaceSchema, type Workspace } from './workspaces.js';

/**
 * The IPC contract: every domain's channels (`shared/ipc/<domain>.ts`, keyed `domain.verb`)
 * merged into one object; each entry holds zod `input` and `output` schemas (STYLE.md §2, IPC
 * contract; ARCHITECTURE.md, Folder map). Electron main, the preload, the browser host and the
 * renderer client are all derived from it. Long work returns `{jobId}`: a job.
 */
export const contract = {
  ...appChannels,
  ...workspacesChannels,
  ...accountsChannels,
  ...setupChannels,
  ...dataChannels,
  ...prepareChannels,
  ...schemasChannels,
  ...datasetsChannels,
  ...solutionsChannels,
  ...campaignsChannels,
  ...recommendationsChannels,
  ...filtersChannels,
  ...eventTrackersChannels,
  ...batchChannels,
  ...inventoryChannels,
  ...jobsChannels,
  ...guideChannels,
} as const;

/** The contract's type. */
export type Contract = typeof contract;
/** A channel name, e.g. `'datasets.import'`. */
export type Channel = keyof Contract;
/** Input type of a channel (before zod defaults apply). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** Output type of a channel. */
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

/** All channel names. */
export const CHANNELS = Object.keys(contract) as Channel[];

/** True when `name` is a contract channel. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
