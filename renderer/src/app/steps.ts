import { GUIDE_STEPS, type GuideStep, type StepState } from '../../../shared/guide.js';
import type { JobKind } from '../../../shared/jobs.js';
import { assertNever } from '../../../shared/errors.js';

/** Display titles of the guided steps (UX.md, Frame). */
export const STEP_TITLES: Readonly<Record<GuideStep, string>> = {
  data: 'Data',
  import: 'Import',
  solutions: 'Solutions',
  campaign: 'Campaign',
  explore: 'Explore',
  cleanup: 'Clean up',
};

/** Hash route of a step or page, e.g. `#/solutions`. */
export function stepHref(step: Route): string {
  return `#/${step}`;
}

/** Pages outside the guided steps: environment setup and the workspaces list. */
export const PAGES = ['setup', 'workspaces', 'inventory'] as const;
/** One of {@link PAGES}. */
export type Page = (typeof PAGES)[number];
/** What the main area shows: a guided step or a page. */
export type Route = GuideStep | Page;

/** Display titles of the pages. */
export const PAGE_TITLES: Readonly<Record<Page, string>> = {
  setup: 'Setup',
  workspaces: 'Workspaces',
  inventory: 'Inventory',
};

/** Whether a route is one of the guided steps. */
export function isGuideStep(route: Route): route is GuideStep {
  return (GUIDE_STEPS as readonly string[]).includes(route);
}

/** The route named by a location hash (`#/import`, `#/setup`); `data` when the hash names none. */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  if ((GUIDE_STEPS as readonly string[]).includes(name)) return name as GuideStep;
  if ((PAGES as readonly string[]).includes(name)) return name as Page;
  return 'data';
}

/** Words for a step state, as the checklist shows them. */
export function stepStateLabel(state: StepState | undefined): string {
  switch (state ?? 'notStarted') {
    case 'notStarted':
      return 'Not started';
    case 'running':
      return 'Running';
    case 'done':
      return 'Done';
    case 'attention':
      return 'Needs attention';
    default:
      return assertNever(state as never);
  }
}

/** What a job does, in words ("Import", "Training"...). */
export function jobTitle(kind: JobKind): string {
  switch (kind) {
    case 'datasets.import':
      return 'Import';
    case 'solutions.train':
      return 'Training';
    case 'solutions.evaluate':
      return 'Evaluation';
    case 'campaigns.deploy':
      return 'Campaign deployment';
    case 'campaigns.update':
      return 'Campaign update';
    case 'batch.run':
      return 'Batch inference';
    case 'inventory.teardown':
      return 'Clean up';
    case 'inventory.refresh':
      return 'Inventory refresh';
    case 'setup.apply':
      return 'Environment setup';
    case 'workspaces.delete':
      return 'Workspace deletion';
    case 'data.export':
      return 'Export of importable files';
    default:
      return assertNever(kind);
  }
}

/** Formats a duration as `1 h 02 min`, `3 min 05 s` or `12 s`. */
export function formatElapsed(durationMs: number): string {
  const totalSeconds = Math.max(0, Math.floor(durationMs / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

/** Formats a count with thousands separators: `158,371`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
