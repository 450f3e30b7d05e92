import type { GuideView } from '../../../shared/guide.js';
import type { EventPayload } from '../../../shared/ipc/events.js';
import type { Job, JobKind } from '../../../shared/jobs.js';
import type { MfaBroker } from '../accounts/mfa-broker.js';
import type { SampleFiles } from '../data/samples.js';
import type { JobRegistration } from '../jobs/job-registry.js';
import type { ItemIndex } from '../../dataprep/index.js';
import type { UserHistoryIndex } from '../../dataprep/index.js';
import type { TitlesFiles } from '../recommendations/titles-file.js';
import type { WorkspaceRegistry } from '../workspaces/workspace-registry.js';
import type { CoreHandlers, StudioLog } from './studio-app.js';

/** The job registry as domains see it (bound once the registry exists). */
export interface JobsFacade {
  /** Starts (or returns the unfinished) job of `kind` in a workspace. */
  start(kind: JobKind, workspaceId: string, params?: Record<string, unknown>): Promise<Job>;
  /** Jobs, newest first; only those of `workspaceId` when given. */
  list(workspaceId?: string): Job[];
  /** Cancels a job. @throws AppError `job.notFound` */
  cancel(jobId: string): Promise<Job>;
  /** Resolves with the job once it is terminal (or the registry is disposed). @throws AppError `job.notFound` */
  whenSettled(jobId: string): Promise<Job>;
}

/** What every domain module is built from (one composition: electron/core/app/create-studio-app.ts). */
export interface StudioDeps {
  readonly workspaces: WorkspaceRegistry;
  readonly jobs: JobsFacade;
  /** The guide's view of a workspace (derived on every call). */
  readonly guideView: (workspaceId: string) => GuideView;
  readonly itemIndex: ItemIndex;
  /** Titles files joined for display (Explore and the batch output share one cache). */
  readonly titles: TitlesFiles;
  readonly historyIndex: UserHistoryIndex;
  readonly samples: SampleFiles;
  /** True while the app disposes: interrupted jobs then keep their state for resume. */
  readonly isDisposing: () => boolean;
  readonly log?: StudioLog | undefined;
  readonly openExternal?: ((url: string) => Promise<void>) | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Routes MFA prompts of assume-role profiles to the renderer and the codes back. */
  readonly mfa: MfaBroker;
  /** Pushes an `accounts.didChange` event (sign-in progress). */
  readonly emitAccounts: (payload: EventPayload<'accounts.didChange'>) => void;
}

/** One domain's part of the core: its handlers and the runners of its job kinds. */
export interface DomainModule {
  readonly handlers: Partial<CoreHandlers>;
  readonly runners?: Partial<Record<JobKind, JobRegistration>>;
  /**
   * Runs once at start, after the job registry has loaded and resumed the unfinished jobs: starts
   * the jobs for work a previous run left undone. Handles its own errors (never rejects).
   */
  readonly onStart?: () => Promise<void>;
}
