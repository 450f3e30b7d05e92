import type { SentInteraction } from '../recommendations/recommend-service.js';

/** Most events kept per workspace (the explorer's history shows the newest). */
const MAX_KEPT = 1000;

/**
 * The events the studio sent with PutEvents since it started, per workspace, newest last: the
 * explorer shows them in the user's history beside the imported interactions (the service keeps
 * them, but has no API to read them back). Held in memory only.
 */
export class SentEvents {
  private readonly byWorkspace = new Map<string, SentInteraction[]>();

  /** Records events sent for a workspace. */
  add(workspaceId: string, events: readonly SentInteraction[]): void {
    const list = this.byWorkspace.get(workspaceId) ?? [];
    list.push(...events);
    this.byWorkspace.set(workspaceId, list.slice(-MAX_KEPT));
  }

  /** The events sent for a workspace, oldest first. */
  list(workspaceId: string): readonly SentInteraction[] {
    return this.byWorkspace.get(workspaceId) ?? [];
  }

  /**
   * `answer` with its `historyCount` (the user's interactions in the imported file) counting the
   * events sent for `userId` too, as the explorer's history does; unchanged when it has no count
   * or no event was sent. Recommendations, the ranking and the filter dry run all answer so.
   */
  withSentEvents<T extends { readonly historyCount?: number | undefined }>(
    workspaceId: string,
    userId: string | undefined,
    answer: T,
  ): T {
    if (answer.historyCount === undefined || userId === undefined) return answer;
    const sent = this.list(workspaceId).filter((event) => event.userId === userId).length;
    return sent === 0 ? answer : { ...answer, historyCount: answer.historyCount + sent };
  }
}

const perApp = new WeakMap<object, SentEvents>();

/** The sent-events log of one studio app (keyed by an object of that app, e.g. its workspace registry). */
export function sentEventsOf(app: object): SentEvents {
  let log = perApp.get(app);
  if (log === undefined) {
    log = new SentEvents();
    perApp.set(app, log);
  }
  return log;
}
