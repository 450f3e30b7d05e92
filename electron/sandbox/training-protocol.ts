import type { TrainInput } from './recipes/types.js';

/** What the training worker receives (structured-cloned). */
export interface TrainingJob {
  /** Recipe name without the ARN prefix, e.g. `aws-user-personalization`. */
  readonly recipeName: string;
  readonly input: TrainInput;
}

/** What the training worker answers: the model's JSON form and metrics, or a failureReason. */
export type TrainingOutcome =
  | {
      readonly ok: true;
      readonly model: unknown;
      readonly metrics: Readonly<Record<string, number>>;
    }
  | { readonly ok: false; readonly failureReason: string };
