import {
  CreateFilterCommand,
  DeleteFilterCommand,
  DescribeDatasetCommand,
  DescribeFilterCommand,
  DescribeSchemaCommand,
  paginateListDatasets,
  paginateListFilters,
} from '@aws-sdk/client-personalize';
import { AppError } from '../../../shared/errors.js';
import type { GuideView } from '../../../shared/guide.js';
import type { FilterSchemas, FilterSummary } from '../../../shared/ipc/filters.js';
import {
  compileFilter,
  FilterRequestError,
  type FilterRow,
} from '../../../shared/rules/filter-evaluation.js';
import {
  FILTER_INTERACTIONS_WINDOW,
  filterColumnsFromAvro,
  parseFilterExpression,
  parseFilterValues,
  type FilterAst,
} from '../../../shared/rules/filter-expression.js';
import { callAws } from '../aws/aws-errors.js';
import type { SentInteraction } from '../recommendations/recommend-service.js';
import type { UserHistoryIndex } from '../../dataprep/index.js';
import type { ServiceContext } from '../workspaces/service-context.js';

type FiltersContext = Pick<ServiceContext, 'clients' | 'resources' | 'getChoices' | 'tags'>;

/** The guide's dataset group, or `guide.notReady`. */
function groupOf(context: Pick<ServiceContext, 'getChoices'>): string {
  const arn = context.getChoices().datasetGroupArn;
  if (arn === undefined)
    throw new AppError(
      'guide.notReady',
      'Import the data first (step Import): filters belong to its dataset group.',
    );
  return arn;
}

/** Filter dataset name of each Personalize dataset type the lint checks (SPEC §8.1). */
const LINT_DATASETS: Readonly<Record<string, 'Items' | 'Interactions' | 'Users'>> = {
  ITEMS: 'Items',
  INTERACTIONS: 'Interactions',
  USERS: 'Users',
};

/**
 * The columns of each dataset of the guide's dataset group, for the filter lint's field checks
 * (ListDatasets, DescribeDataset, DescribeSchema; SPEC §8.2 rules 2 and 7). Never throws for the
 * group's state: without a group or datasets, or when a call fails (the reason is the AWS error's
 * message), `datasets` is empty and `unavailable` says why; the lint then checks grammar only.
 */
export async function filterSchemas(
  context: Pick<ServiceContext, 'clients' | 'getChoices'>,
): Promise<FilterSchemas> {
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined)
    return {
      datasets: {},
      unavailable: 'the data is not imported yet, so there is no dataset group',
    };
  const { personalize } = context.clients;
  try {
    const datasets: FilterSchemas['datasets'] = {};
    const arns: string[] = [];
    await callAws('ListDatasets', async () => {
      for await (const page of paginateListDatasets({ client: personalize }, { datasetGroupArn }))
        for (const summary of page.datasets ?? [])
          if (summary.datasetArn !== undefined) arns.push(summary.datasetArn);
    });
    for (const datasetArn of arns) {
      const { dataset } = await callAws('DescribeDataset', () =>
        personalize.send(new DescribeDatasetCommand({ datasetArn })),
      );
      const name = LINT_DATASETS[dataset?.datasetType?.toUpperCase() ?? ''];
      if (name === undefined || dataset?.schemaArn === undefined) continue;
      const schemaArn = dataset.schemaArn;
      const { schema } = await callAws('DescribeSchema', () =>
        personalize.send(new DescribeSchemaCommand({ schemaArn })),
      );
      datasets[name] = filterColumnsFromAvro(schema?.schema ?? '{}');
    }
    if (Object.keys(datasets).length === 0)
      return { datasets, unavailable: 'the dataset group has no datasets yet' };
    return { datasets };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { datasets: {}, unavailable: `the schemas could not be read (${error.message})` };
  }
}

/**
 * The filters of the guide's dataset group (ListFilters, then DescribeFilter of each for its
 * expression; SPEC §2.18), oldest first, each recorded in the resource cache.
 * @throws AppError `aws.*`.
 */
export async function listFilters(context: FiltersContext): Promise<FilterSummary[]> {
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined) return [];
  const { personalize } = context.clients;
  const arns: string[] = [];
  await callAws('ListFilters', async () => {
    for await (const page of paginateListFilters({ client: personalize }, { datasetGroupArn }))
      for (const summary of page.Filters ?? [])
        if (summary.filterArn !== undefined) arns.push(summary.filterArn);
  });
  const filters: FilterSummary[] = [];
  for (const filterArn of arns) {
    const out = await callAws('DescribeFilter', () =>
      personalize.send(new DescribeFilterCommand({ filterArn })),
    ).catch((error: unknown) => {
      // Deleted between the list and the describe: not a filter any more.
      if (error instanceof AppError && error.code === 'aws.notFound') return undefined;
      throw error;
    });
    const filter = out?.filter;
    if (filter === undefined) continue;
    await context.resources.record({
      arn: filterArn,
      kind: 'filter',
      name: filter.name ?? filterArn,
      status: filter.status,
      failureReason: filter.failureReason,
      parentArn: datasetGroupArn,
      attributes: filter,
    });
    filters.push({
      filterArn,
      name: filter.name ?? filterArn,
      filterExpression: filter.filterExpression ?? '',
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.failureReason === undefined ? {} : { failureReason: filter.failureReason }),
      ...(filter.creationDateTime === undefined
        ? {}
        : { createdAtMs: filter.creationDateTime.getTime() }),
    });
  }
  return filters.sort((a, b) => (a.createdAtMs ?? 0) - (b.createdAtMs ?? 0));
}

/**
 * CreateFilter in the guide's dataset group (SPEC §2.16), tagged like every resource of the
 * workspace, recorded in the resource cache as CREATE PENDING.
 * @returns the filter ARN.
 * @throws AppError `guide.notReady` (nothing imported), `aws.*` (the service's
 *   InvalidInputException for an invalid expression, LimitExceededException past 10 filters).
 */
export async function createFilter(
  context: FiltersContext,
  name: string,
  filterExpression: string,
): Promise<string> {
  const datasetGroupArn = groupOf(context);
  const out = await callAws(`CreateFilter ${name}`, () =>
    context.clients.personalize.send(
      new CreateFilterCommand({
        name,
        datasetGroupArn,
        filterExpression,
        tags: [...context.tags],
      }),
    ),
  );
  if (out.filterArn === undefined)
    throw new AppError('aws.failed', `CreateFilter ${name} returned no ARN.`);
  await context.resources.record({
    arn: out.filterArn,
    kind: 'filter',
    name,
    status: 'CREATE PENDING',
    parentArn: datasetGroupArn,
    attributes: { filterExpression, datasetGroupArn },
  });
  return out.filterArn;
}

/** DeleteFilter (SPEC §2.16). @throws AppError `aws.*`. */
export async function deleteFilter(context: FiltersContext, filterArn: string): Promise<void> {
  await callAws('DeleteFilter', () =>
    context.clients.personalize.send(new DeleteFilterCommand({ filterArn })),
  );
}

/** One item of a dry run: kept or removed, and why. */
export interface DryRunVerdict {
  readonly removed: boolean;
  readonly reason: string;
}

/** The text of expression `index` of `text`. */
function expressionText(text: string, ast: FilterAst, index: number): string {
  const node = ast.expressions[index];
  return node === undefined ? '' : text.slice(node.from, node.to).trim();
}

/**
 * Explains a filter for one user, item by item (the studio's dry run): compiles each `|`
 * expression alone with the shared evaluator (`shared/rules/filter-evaluation.ts`, the one the
 * Local sandbox applies) and combines them as the service does (SPEC §8.2 rule 10): with an
 * INCLUDE, kept = matched by an INCLUDE and by no EXCLUDE; with only EXCLUDE, kept = matched by
 * no EXCLUDE. The reason names the deciding expression.
 * @param itemRow the Items row of an item (the imported Items file).
 * @param interactions the user's interactions, oldest first (file then sent events).
 * @throws AppError `data.invalid` naming the problem when the expression does not parse, the
 *   values do not parse, or the filter cannot apply to a user's recommendations.
 */
export function explainFilter(
  text: string,
  rawValues: Readonly<Record<string, string>>,
  itemRow: (itemId: string) => FilterRow | undefined,
  interactions: readonly { itemId: string; eventType?: string | undefined }[],
): (itemId: string) => DryRunVerdict {
  const parsed = parseFilterExpression(text);
  if (parsed.ast === undefined) {
    const first = parsed.diagnostics[0];
    throw new AppError(
      'data.invalid',
      `The filter expression is not valid${first === undefined ? '' : ` at ${first.from + 1}: ${first.message}`}.`,
    );
  }
  const values = parseFilterValues(rawValues);
  if (!values.ok) throw new AppError('data.invalid', `Filter values: ${values.message}`);
  const byType = new Map<string, string[]>();
  for (const interaction of interactions) {
    const type = (interaction.eventType ?? '').toLowerCase();
    const list = byType.get(type) ?? [];
    list.push(interaction.itemId);
    byType.set(type, list);
  }
  for (const [type, list] of byType) byType.set(type, list.slice(-FILTER_INTERACTIONS_WINDOW));
  const ast = parsed.ast;
  const compiled = ast.expressions.map((node, index) => {
    const used = new Set(
      [...values.values.keys()].filter((key) => text.slice(node.from, node.to).includes(`$${key}`)),
    );
    const ownValues = new Map([...values.values].filter(([key]) => used.has(key)));
    try {
      return {
        action: node.action,
        text: expressionText(text, ast, index),
        matches: compileFilter(
          { expressions: [{ ...node, action: 'INCLUDE' as const }] },
          {
            subject: 'ItemID',
            values: ownValues,
            itemRow,
            userInteractions: byType,
            allowsCurrentItem: false,
          },
        ),
      };
    } catch (error) {
      if (error instanceof FilterRequestError) {
        // An EXCLUDE expression without its value is skipped by the service (SPEC §8.5).
        if (node.action === 'EXCLUDE')
          return {
            action: node.action,
            text: expressionText(text, ast, index),
            matches: () => false,
          };
        throw new AppError('data.invalid', error.message);
      }
      throw error;
    }
  });
  const includes = compiled.filter((entry) => entry.action === 'INCLUDE');
  const excludes = compiled.filter((entry) => entry.action === 'EXCLUDE');
  return (itemId) => {
    const excludedBy = excludes.find((entry) => entry.matches(itemId));
    if (excludedBy !== undefined)
      return { removed: true, reason: `Removed: matches ${excludedBy.text}` };
    if (includes.length === 0)
      return { removed: false, reason: 'Kept: matches no EXCLUDE expression' };
    const includedBy = includes.find((entry) => entry.matches(itemId));
    return includedBy === undefined
      ? {
          removed: true,
          reason: `Removed: matches no INCLUDE expression (${includes.map((entry) => entry.text).join(' | ')})`,
        }
      : { removed: false, reason: `Kept: matches ${includedBy.text}` };
  };
}

/**
 * The user's interactions for a dry run, oldest first: every row of the imported interactions
 * file for the user (as the service imported them) followed by the events the studio sent.
 * @throws AppError `guide.notReady` (nothing imported), `file.*`, `data.invalid`.
 */
export async function dryRunInteractions(
  view: GuideView,
  historyIndex: UserHistoryIndex,
  userId: string,
  sent: readonly SentInteraction[],
): Promise<{ itemId: string; eventType?: string | undefined }[]> {
  const interactionsPath = view.importedFiles.interactions;
  if (interactionsPath === undefined)
    throw new AppError('guide.notReady', 'Import the interactions first (step Import).');
  // One look-up in the file's cached per-user index (a DuckDB scan per request took 75–150 ms).
  const fromFile = await historyIndex.allInteractions(interactionsPath, userId);
  return [
    ...[...fromFile].reverse(),
    ...sent.filter((event) => event.userId === userId).sort((a, b) => a.timestamp - b.timestamp),
  ];
}

/**
 * The event types of the imported interactions file with their row counts, most frequent first,
 * plus those of the events the studio sent (PutEvents), for the filter lint's warnings and the
 * templates: undefined when nothing is imported or the file cannot be read (the lint then says
 * nothing about event types). Event types compare case-insensitively (SPEC §8.2): a sent
 * `Watch` counts with the file's `watch`.
 */
export async function importedEventTypes(
  view: GuideView,
  historyIndex: UserHistoryIndex,
  sent: readonly SentInteraction[],
): Promise<{ value: string; count: number }[] | undefined> {
  const interactionsPath = view.importedFiles.interactions;
  if (interactionsPath === undefined) return undefined;
  const fromFile = await historyIndex.eventTypes(interactionsPath).catch((error: unknown) => {
    if (error instanceof AppError) return undefined;
    throw error;
  });
  if (fromFile === undefined) return undefined;
  const counts = new Map<string, { value: string; count: number }>();
  for (const { value, count } of fromFile.eventTypes)
    counts.set(value.toLowerCase(), { value, count });
  for (const event of sent) {
    const key = event.eventType.toLowerCase();
    const entry = counts.get(key);
    counts.set(key, { value: entry?.value ?? event.eventType, count: (entry?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}
