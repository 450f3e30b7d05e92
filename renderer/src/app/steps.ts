import { POC_STEPS, type PocStep, type StepState } from '../../../shared/poc.js';
import type { JobKind } from '../../../shared/jobs.js';
import { assertNever } from '../../../shared/errors.js';

/** Display titles of the guided steps (UX.md, Frame). */
export const STEP_TITLES: Readonly<Record<PocStep, string>> = {
  data: 'Data',
  import: 'Import',
  solutions: 'Solutions',
  campaign: 'Campaign',
  explore: 'Explore',
  cleanup: 'Clean up',
};

/** Hash route of a step, e.g. `#/solutions`. */
export function stepHref(step: PocStep): string {
  return `#/${step}`;
}

/** The step named by a location hash; `data` when the hash names none. */
export function stepFromHash(hash: string): PocStep {
  const name = hash.replace(/^#\/?/, '');
  return (POC_STEPS as readonly string[]).includes(name) ? (name as PocStep) : 'data';
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
    case 'poc.import':
      return 'Import';
    case 'poc.train':
      return 'Training';
    case 'poc.deploy':
      return 'Campaign deployment';
    case 'poc.cleanup':
      return 'Clean up';
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
