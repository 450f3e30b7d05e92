/**
 * Whether each recipe fits the imported data (the recipe cards' "fits this data" line): facts
 * of the interactions file counted by DuckDB in one pass, and plain rules over them.
 */
import { AppError } from '../../../shared/errors.js';
import type { DataStats, RecipeFit } from '../../../shared/ipc/solutions.js';
import {
  MIN_INTERACTIONS_PER_ACTIVE_USER,
  MIN_TRAINING_INTERACTIONS,
  MIN_USERS_WITH_TWO_INTERACTIONS,
} from '../../../shared/rules/limits.js';
import { RECIPE_SPECS } from '../../../shared/rules/recipes.js';
import { resolveColumn } from '../../dataprep/data-checks.js';
import { openTextCsv } from '../../dataprep/csv-text.js';
import { queryCsv, quoteIdentifier, toNumber, withConnection } from '../../dataprep/duckdb.js';

const DAY_SECONDS = 86_400;

/**
 * Counts the facts of {@link DataStats} in the interactions file (TIMESTAMP in epoch seconds).
 * @param nowMs the time the age of the newest interaction is measured at, epoch ms
 * @param itemRows rows of the imported Items file, when there is one
 * @throws AppError `data.invalid` when USER_ID, ITEM_ID or TIMESTAMP is missing or the file cannot be read
 */
export async function dataStats(
  interactionsPath: string,
  itemRows: number | undefined,
  nowMs: number,
): Promise<DataStats> {
  return queryCsv(interactionsPath, () =>
    withConnection(async (connection) => {
      const { source, columns } = await openTextCsv(connection, interactionsPath);
      const named = columns.map((name) => ({ name }));
      const [user, item, time] = ['USER_ID', 'ITEM_ID', 'TIMESTAMP'].map((canonical) => {
        const column = resolveColumn(named, canonical);
        if (column === undefined)
          throw new AppError('data.invalid', `${interactionsPath} has no ${canonical} column.`, {
            details: { path: interactionsPath, column: canonical },
          });
        return quoteIdentifier(column);
      }) as [string, string, string];
      const reader = await connection.runAndReadAll(
        `WITH rows AS (SELECT ${user} AS u, ${item} AS i, TRY_CAST(${time} AS DOUBLE) AS t FROM ${source}),
              per_item AS (SELECT i, count(*) AS n FROM rows GROUP BY i),
              per_user AS (SELECT u, count(*) AS n FROM rows GROUP BY u),
              newest AS (SELECT max(t) AS t FROM rows)
         SELECT (SELECT count(*) FROM rows) AS interactions,
                (SELECT count(*) FROM per_user) AS users,
                (SELECT count(*) FROM per_item) AS items,
                (SELECT count(*) FROM per_user WHERE n >= ${MIN_INTERACTIONS_PER_ACTIVE_USER}) AS users_with_two,
                (SELECT median(n) FROM per_item) AS median_item,
                (SELECT median(n) FROM per_user) AS median_user,
                (SELECT count(*) FILTER (WHERE n = 1) FROM per_item) AS single_items,
                (SELECT t FROM newest) AS newest,
                (SELECT count(*) FROM rows, newest WHERE rows.t > newest.t - ${7 * DAY_SECONDS}) AS last_week`,
        { path: interactionsPath },
      );
      const row = reader.getRowObjectsJS()[0] ?? {};
      const items = toNumber(row.items);
      const newestTimestamp = toNumber(row.newest);
      return {
        interactions: toNumber(row.interactions),
        users: toNumber(row.users),
        items,
        usersWithTwo: toNumber(row.users_with_two),
        medianInteractionsPerItem: toNumber(row.median_item),
        medianInteractionsPerUser: toNumber(row.median_user),
        singleInteractionItemShare: items === 0 ? 0 : toNumber(row.single_items) / items,
        newestTimestamp,
        newestAgeDays: Math.max(0, (nowMs / 1000 - newestTimestamp) / DAY_SECONDS),
        lastWeekInteractions: toNumber(row.last_week),
        ...(itemRows === undefined ? {} : { itemRows }),
      };
    }),
  );
}

/** A median at or below this many interactions per item leaves co-occurrence little to go on. */
export const SPARSE_ITEM_MEDIAN = 1.5;
/** Days without interactions after which trending-now has no recent activity to find trends in. */
export const RECENT_ACTIVITY_DAYS = 30;

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * How well each recipe of RECIPE_SPECS fits the data, with the reasons in plain words:
 * - every recipe: SPEC §5.5 minimums (1,000 interactions, 25 users with 2 or more) → poor;
 * - SIMS / similar-items: median interactions per item near 1 → caution (few co-occurrences);
 * - similar-items without an Items file → caution (it has no metadata to blend in);
 * - user-personalization without an Items file → a note (new items cannot be recommended);
 * - trending-now: newest interaction older than {@link RECENT_ACTIVITY_DAYS} days → caution;
 * - personalized-ranking: a note that it ranks lists the application sends.
 */
export function assessRecipeFits(stats: DataStats): RecipeFit[] {
  const tooFew: string[] = [];
  if (stats.interactions < MIN_TRAINING_INTERACTIONS)
    tooFew.push(
      `Only ${formatCount(stats.interactions)} interactions: training needs at least ${formatCount(MIN_TRAINING_INTERACTIONS)}.`,
    );
  if (stats.usersWithTwo < MIN_USERS_WITH_TWO_INTERACTIONS)
    tooFew.push(
      `Only ${stats.usersWithTwo} users have ${MIN_INTERACTIONS_PER_ACTIVE_USER} or more interactions: training needs ${MIN_USERS_WITH_TWO_INTERACTIONS}.`,
    );
  const hasItems = stats.itemRows !== undefined;
  return RECIPE_SPECS.map(({ recipe }) => {
    const reasons: string[] = [...tooFew];
    let level: RecipeFit['level'] = tooFew.length > 0 ? 'poor' : 'good';
    const caution = (reason: string): void => {
      reasons.push(reason);
      if (level === 'good') level = 'caution';
    };
    const medianItem = stats.medianInteractionsPerItem;
    if (recipe === 'aws-sims' || recipe === 'aws-similar-items') {
      if (medianItem <= SPARSE_ITEM_MEDIAN)
        caution(
          `The median item has ${medianItem} interaction${medianItem === 1 ? '' : 's'} (${Math.round(stats.singleInteractionItemShare * 100)}% of items have one): few items are seen together, so most similar-item lists fall back to popular items.`,
        );
      else
        reasons.push(
          `The median item has ${medianItem} interactions: enough co-occurrence to find similar items.`,
        );
    }
    if (recipe === 'aws-similar-items' && !hasItems)
      caution(
        'No Items file imported: similar-items has no metadata to blend in and works like SIMS.',
      );
    if (recipe === 'aws-similar-items' && hasItems)
      reasons.push(`${formatCount(stats.itemRows ?? 0)} items with metadata to blend in.`);
    if (recipe === 'aws-user-personalization') {
      reasons.push(
        `The median user has ${stats.medianInteractionsPerUser} interactions over ${formatCount(stats.items)} items.`,
      );
      if (!hasItems)
        reasons.push(
          'No Items file: items without interactions cannot be recommended (no metadata for cold items).',
        );
    }
    if (recipe === 'aws-trending-now') {
      if (stats.newestAgeDays > RECENT_ACTIVITY_DAYS)
        caution(
          `No recent activity: the newest interaction is ${formatCount(Math.round(stats.newestAgeDays))} days old. Trending-now finds what grows in the latest events; on historical data it shows what trended at the end of the file.`,
        );
      else
        reasons.push(
          `${formatCount(stats.lastWeekInteractions)} interactions in the last 7 days of the file.`,
        );
    }
    if (recipe === 'aws-personalized-ranking')
      reasons.push(
        'It ranks the lists your application sends (GetPersonalizedRanking); its metrics score a ranking of popular items.',
      );
    if (recipe === 'aws-popularity-count')
      reasons.push('Always trainable: the baseline to compare with.');
    return { recipe, level, reasons };
  });
}
