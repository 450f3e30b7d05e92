import type { JobProgress } from '../../../shared/jobs.js';

/** Reports one progress (see `ServiceContext.report`); the tracker's only way out. */
export type ProgressReport = (
  step: string,
  progress: {
    readonly done: number;
    readonly total: number;
    readonly unit: string;
    readonly phase?: string;
    readonly measures?: JobProgress['measures'];
  },
) => Promise<void>;

/**
 * Progress of a job that takes several things (solution versions) through the same phases, in
 * unit `'phase'`: `done` counts the phases passed by all of them, `total` is phases × things, and
 * one measure per thing says which phase it is in ("Training", phase 2 of 3) or that it is done.
 * The things may move in parallel: each {@link enter} reports the whole picture, so no report
 * hides another's. The step is the caller's sentence of the latest change.
 */
export class PhaseProgress {
  private readonly passed = new Map<string, number>();
  private readonly current = new Map<string, string | undefined>();
  private readonly labels: string[];

  /**
   * @param labels the things, in the order shown (e.g. recipes or solution names).
   * @param phases the phases each goes through, in order ("Creating the solution", "Training"…).
   */
  constructor(
    private readonly report: ProgressReport,
    labels: readonly string[],
    readonly phases: readonly string[],
  ) {
    this.labels = [...labels];
    for (const label of labels) this.passed.set(label, 0);
  }

  /**
   * Things that join after the start (e.g. versions that finished training while the job ran),
   * shown after the others, in phase 0; a label already there starts its phases over. Reports
   * nothing (the next {@link enter} does).
   */
  add(labels: readonly string[]): void {
    for (const label of labels) {
      if (!this.labels.includes(label)) this.labels.push(label);
      this.passed.set(label, 0);
      this.current.set(label, undefined);
    }
  }

  /**
   * Carries on from an earlier progress of the same phases (a rerun of the job keeps what its
   * previous run showed): each of its things, with the phases it had passed, joins in its order.
   * A thing counted in another unit or in other phases is left out. Reports nothing.
   */
  resume(earlier: JobProgress | undefined): void {
    for (const measure of earlier?.measures ?? []) {
      if (measure.unit !== 'phase' || measure.total !== this.phases.length) continue;
      if (!this.labels.includes(measure.label)) this.labels.push(measure.label);
      this.passed.set(measure.label, Math.min(measure.done, this.phases.length));
      this.current.set(measure.label, measure.phase);
    }
  }

  /** `label` is now in phase `index` (0-based): the phases before it are passed. */
  enter(label: string, index: number, step: string): Promise<void> {
    const bounded = Math.max(0, Math.min(index, this.phases.length - 1));
    this.passed.set(label, Math.max(this.passed.get(label) ?? 0, bounded));
    this.current.set(label, this.phases[bounded]);
    return this.send(step, this.phases[bounded]);
  }

  /** `label` passed every phase. */
  finish(label: string, step: string): Promise<void> {
    this.passed.set(label, this.phases.length);
    this.current.set(label, undefined);
    return this.send(step, undefined);
  }

  /** The progress now (pure snapshot of the tracker). */
  progress(phase?: string): {
    done: number;
    total: number;
    unit: 'phase';
    phase?: string;
    measures: NonNullable<JobProgress['measures']>;
  } {
    const total = this.phases.length;
    const measures = this.labels.map((label) => {
      const done = this.passed.get(label) ?? 0;
      const inPhase = done < total ? this.current.get(label) : undefined;
      return {
        label,
        unit: 'phase',
        done,
        total,
        ...(inPhase === undefined ? {} : { phase: inPhase }),
      };
    });
    return {
      done: measures.reduce((sum, measure) => sum + measure.done, 0),
      total: total * this.labels.length,
      unit: 'phase',
      ...(phase === undefined ? {} : { phase }),
      measures,
    };
  }

  private send(step: string, phase: string | undefined): Promise<void> {
    return this.report(step, this.progress(phase));
  }
}
