/**
 * Minimum-data checks run before a solution version trains (SPEC §5.5).
 */
import {
  MIN_INTERACTIONS_PER_ACTIVE_USER,
  MIN_SHARE_OF_USERS_WITH_TWO_INTERACTIONS,
  MIN_TRAINING_INTERACTIONS,
  MIN_USERS_WITH_TWO_INTERACTIONS,
} from '../../../shared/rules/limits.js';
import type { InteractionColumns } from './dataset.js';
import type { InteractionRecord } from './types.js';

/**
 * Training data does not meet SPEC §5.5; `message` is the solution version's `failureReason`.
 *
 * An expected failure: the sandbox turns it into `CREATE FAILED`, not a crash.
 */
export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';

  /** The `failureReason` text to show in DescribeSolutionVersion (same as `message`). */
  get failureReason(): string {
    return this.message;
  }
}

/**
 * Throws when `interactions` are too few to train (SPEC §5.5), checked in this order:
 * 1000 records, 25 users with ≥ 2 interactions, 1% of users with ≥ 2 interactions.
 *
 * @throws TrainingDataError with the failure reason as its message
 */
export function assertEnoughTrainingData(interactions: readonly InteractionRecord[]): void {
  const perUser = new Map<string, number>();
  for (const record of interactions)
    perUser.set(record.userId, (perUser.get(record.userId) ?? 0) + 1);
  assertEnoughCounts(interactions.length, perUser.values(), perUser.size);
}

/**
 * {@link assertEnoughTrainingData} on typed columns (same checks, same messages); users of the
 * dictionary without rows do not count.
 *
 * @throws TrainingDataError with the failure reason as its message
 */
export function assertEnoughTrainingColumns(columns: InteractionColumns): void {
  const perUser = new Int32Array(columns.userIds.length);
  for (const user of columns.users) perUser[user] = (perUser[user] ?? 0) + 1;
  const counts = perUser.filter((count) => count > 0);
  assertEnoughCounts(columns.users.length, counts, counts.length);
}

function assertEnoughCounts(rows: number, perUser: Iterable<number>, userCount: number): void {
  if (rows < MIN_TRAINING_INTERACTIONS) {
    // SPEC §2.13 marks this text as paraphrased.
    throw new TrainingDataError(
      `Create failed. Dataset has fewer than ${MIN_TRAINING_INTERACTIONS} interactions.`,
    );
  }
  let usersWithTwo = 0;
  for (const count of perUser) if (count >= MIN_INTERACTIONS_PER_ACTIVE_USER) usersWithTwo++;
  if (usersWithTwo < MIN_USERS_WITH_TWO_INTERACTIONS) {
    throw new TrainingDataError(
      `Create failed. Dataset has fewer than ${MIN_USERS_WITH_TWO_INTERACTIONS} users with at least ${MIN_INTERACTIONS_PER_ACTIVE_USER} interactions each.`,
    );
  }
  if (usersWithTwo < userCount * MIN_SHARE_OF_USERS_WITH_TWO_INTERACTIONS) {
    // Wording not documented (SPEC §5.5 "current quotas"); modelled on the 25-user message.
    throw new TrainingDataError(
      'Create failed. Fewer than 1% of users in the dataset have at least 2 interactions each.',
    );
  }
}
