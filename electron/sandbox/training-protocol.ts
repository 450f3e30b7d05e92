import type { TrainOptions } from './recipes/index.js';
import type { TableTrainInput, TrainInput } from './recipes/types.js';

/** What the training worker receives (structured-cloned; a table's column buffers transferred). */
export interface TrainingJob {
  /** Recipe name without the ARN prefix, e.g. `aws-user-personalization`. */
  readonly recipeName: string;
  readonly input: TrainInput | TableTrainInput;
  /** What `trainSolutionVersion` receives besides the input (HPO plan, UPDATE base). */
  readonly options?: TrainOptions;
}

/**
 * What the training worker answers: the binary model file (`packModel` of the model's JSON form,
 * its buffer transferred) and metrics, or a failureReason.
 */
export type TrainingOutcome =
  | {
      readonly ok: true;
      readonly model: Uint8Array;
      readonly metrics: Readonly<Record<string, number>>;
      readonly tunedHyperParameters?: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly failureReason: string };
