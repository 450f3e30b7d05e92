import type { TrainOptions } from './recipes/index.js';
import type { TrainInput } from './recipes/types.js';

/** What the training worker receives (structured-cloned). */
export interface TrainingJob {
  /** Recipe name without the ARN prefix, e.g. `aws-user-personalization`. */
  readonly recipeName: string;
  readonly input: TrainInput;
  /** What `trainSolutionVersion` receives besides the input (HPO plan, UPDATE base). */
  readonly options?: TrainOptions;
}

/** What the training worker answers: the model's JSON form and metrics, or a failureReason. */
export type TrainingOutcome =
  | {
      readonly ok: true;
      readonly model: unknown;
      readonly metrics: Readonly<Record<string, number>>;
      readonly tunedHyperParameters?: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly failureReason: string };
