/**
 * Evaluates a parsed filter (see `filter-expression.ts`) for one request: which items (ItemID
 * filters) or users (UserID filters) it lets through.
 *
 * Source: SPEC §8.2 (rules 3, 5, 7, 10), §8.3 (runtime evaluation) and §8.5 (filter values):
 * - `Interactions.EVENT_TYPE IN (...)` selects the items the requesting user interacted with
 *   through events of those types (case-insensitive; `*` = any type), looking at the
 *   {@link FILTER_INTERACTIONS_WINDOW} most recent interactions per event type;
 * - `Items.<col>` conditions compare catalogue metadata exactly (case-sensitive); a categorical
 *   cell matches `IN` when any of its `|`-separated values is in the set; items without a value
 *   never match `IN` or comparisons and always match `NOT IN`;
 * - `IF CurrentUser.<col> ...` is evaluated on the requesting user's record: false, or no record,
 *   skips the whole expression;
 * - an INCLUDE expression needs a value for each placeholder, an EXCLUDE expression without one
 *   is skipped;
 * - across `|`: with at least one INCLUDE, result = union(INCLUDE) minus union(EXCLUDE); with
 *   only EXCLUDE, everything except union(EXCLUDE).
 */
import {
  FILTER_INTERACTIONS_WINDOW,
  expressionPlaceholders,
  type FilterAst,
  type FilterCondition,
  type FilterExpressionNode,
  type FilterLiteral,
  type FilterOperator,
  type FilterSubject,
  type FilterUserCondition,
  type FilterValue,
} from './filter-expression.js';

/** A record of a dataset: schema column name → value as imported (categorical values `|`-joined). */
export type FilterRow = Readonly<Record<string, string | undefined>>;

/**
 * Interactions of one user for filters: event type (lower-case) → item ids, oldest first. Only
 * the last {@link FILTER_INTERACTIONS_WINDOW} of each list are looked at.
 */
export type UserInteractionsByType = ReadonlyMap<string, readonly string[]>;

/** What a filter is evaluated against for one request. */
export interface FilterRequest {
  /** The subject the call returns: ItemID (recommendations, batch inference) or UserID (segments). */
  readonly subject: FilterSubject;
  /** Parsed `filterValues` (see `parseFilterValues`); empty map when none were sent. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** ItemID filters: the Items row of a candidate item (undefined: no metadata). */
  readonly itemRow?: (itemId: string) => FilterRow | undefined;
  /** The requesting user's Users row (IF CurrentUser, Users conditions of ItemID filters). */
  readonly user?: FilterRow;
  /**
   * ItemID filters: the requesting user's interactions; undefined when the request names no user
   * (a filter on Interactions then fails: it needs `userId`, SPEC §8.3).
   */
  readonly userInteractions?: UserInteractionsByType;
  /** The item of a related-items request (CurrentItem); undefined when the call has none. */
  readonly currentItem?: FilterRow;
  /** Whether CurrentItem may be used (related-items recipes only, SPEC §8.2 rule 6). */
  readonly allowsCurrentItem: boolean;
  /** UserID filters: the Users row of a candidate user. */
  readonly userRow?: (userId: string) => FilterRow | undefined;
  /** UserID filters: the interactions of a candidate user. */
  readonly interactionsOf?: (userId: string) => UserInteractionsByType | undefined;
  /**
   * The key of a column in the rows (its schema spelling); filters name columns
   * case-insensitively. Default: the name as written.
   */
  readonly resolveColumn?: (dataset: 'Items' | 'Users', column: string) => string;
}

/** A filter that cannot be applied to this request (the service answers `InvalidInputException`). */
export class FilterRequestError extends Error {
  override readonly name = 'FilterRequestError';
}

type Predicate = (id: string) => boolean;

const ALWAYS: Predicate = () => true;
const NEVER: Predicate = () => false;

function cellValues(cell: string | undefined): string[] {
  if (cell === undefined || cell === '') return [];
  return cell.split('|');
}

function toNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function literalText(literal: FilterLiteral): string {
  if (literal.kind === 'string') return literal.value;
  if (literal.kind === 'number') return literal.text;
  return '*';
}

/** The last `FILTER_INTERACTIONS_WINDOW` items of the chosen event types (`undefined` = every type). */
function windowItems(
  interactions: UserInteractionsByType,
  eventTypes: ReadonlySet<string> | undefined,
): Set<string> {
  const items = new Set<string>();
  for (const [eventType, itemIds] of interactions) {
    if (eventTypes !== undefined && !eventTypes.has(eventType)) continue;
    for (
      let index = Math.max(0, itemIds.length - FILTER_INTERACTIONS_WINDOW);
      index < itemIds.length;
      index++
    )
      items.add(itemIds[index] ?? '');
  }
  return items;
}

function compare(operator: FilterOperator, left: number, right: number): boolean {
  switch (operator) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      return false;
  }
}

class Compiler {
  constructor(private readonly request: FilterRequest) {}

  /** The set of strings of an IN / NOT IN right side; undefined for "any" (`*`). */
  private valueSet(value: FilterValue): { set: Set<string>; isAny: boolean } {
    if (value.kind === 'list') {
      const set = new Set(value.values.map(literalText));
      return { set, isAny: value.values.some((literal) => literal.kind === 'star') };
    }
    if (value.kind === 'placeholder')
      return { set: new Set(this.placeholder(value.name)), isAny: false };
    if (value.kind === 'currentItem')
      return {
        set: new Set(cellValues(this.currentItem()[this.column('Items', value.column)])),
        isAny: false,
      };
    return { set: new Set([literalText(value)]), isAny: value.kind === 'star' };
  }

  private placeholder(name: string): readonly string[] {
    const values = this.request.values.get(name);
    // Callers skip expressions with missing placeholders before compiling them.
    if (values === undefined)
      throw new FilterRequestError(`filterValues has no value for $${name}.`);
    return values;
  }

  private currentItem(): FilterRow {
    if (!this.request.allowsCurrentItem)
      throw new FilterRequestError(
        'CurrentItem can only be used with related-items recommendations (an itemId request to a RELATED_ITEMS campaign).',
      );
    return this.request.currentItem ?? {};
  }

  /** The number of a comparison's right side; undefined when CurrentItem has no value. */
  private scalar(value: FilterValue, operator: FilterOperator): number | string | undefined {
    if (value.kind === 'number') return value.value;
    if (value.kind === 'string') return value.value;
    if (value.kind === 'currentItem')
      return toNumber(this.currentItem()[this.column('Items', value.column)]);
    if (value.kind === 'placeholder') {
      const values = this.placeholder(value.name);
      if (values.length !== 1)
        throw new FilterRequestError(
          `$${value.name} is compared with ${operator}: filterValues must hold exactly one value for it.`,
        );
      const number = toNumber(values[0]);
      return number ?? values[0];
    }
    throw new FilterRequestError(`${operator} needs a single value.`);
  }

  private column(dataset: 'Items' | 'Users', column: string): string {
    return this.request.resolveColumn?.(dataset, column) ?? column;
  }

  /** Whether a row's cell satisfies a condition (set or comparison). */
  private rowTest(
    dataset: 'Items' | 'Users',
    written: string,
    operator: FilterOperator,
    value: FilterValue,
  ): (row: FilterRow | undefined) => boolean {
    const column = this.column(dataset, written);
    if (operator === 'IN' || operator === 'NOT IN') {
      const { set } = this.valueSet(value);
      const isIn = operator === 'IN';
      return (row) => {
        const cells = cellValues(row?.[column]);
        const hit = cells.some((cell) => set.has(cell));
        return isIn ? hit : !hit;
      };
    }
    const right = this.scalar(value, operator);
    if (right === undefined) return () => false;
    if (typeof right === 'string') {
      if (operator !== '=' && operator !== '!=')
        throw new FilterRequestError(`${operator} compares numbers: "${right}" is not a number.`);
      return (row) => {
        const cell = row?.[column];
        if (cell === undefined || cell === '') return false;
        return operator === '=' ? cell === right : cell !== right;
      };
    }
    return (row) => {
      const left = toNumber(row?.[column]);
      return left !== undefined && compare(operator, left, right);
    };
  }

  private eventTypes(value: FilterValue): ReadonlySet<string> | undefined {
    const { set, isAny } = this.valueSet(value);
    if (isAny) return undefined;
    return new Set([...set].map((eventType) => eventType.toLowerCase()));
  }

  condition(condition: FilterCondition): Predicate {
    const { dataset, column, operator, value } = condition;
    const subject = this.request.subject;
    if (dataset === 'Interactions') {
      const eventTypes = this.eventTypes(value);
      const isIn = operator === 'IN';
      if (subject === 'UserID') {
        const interactionsOf = this.request.interactionsOf ?? (() => undefined);
        return (userId) => {
          const interactions = interactionsOf(userId);
          let has = false;
          if (interactions)
            for (const [eventType, itemIds] of interactions)
              if (itemIds.length > 0 && (eventTypes === undefined || eventTypes.has(eventType)))
                has = true;
          return isIn ? has : !has;
        };
      }
      const interactions = this.request.userInteractions;
      if (interactions === undefined)
        throw new FilterRequestError('This filter uses Interactions: the request needs a userId.');
      const items = windowItems(interactions, eventTypes);
      return isIn ? (itemId) => items.has(itemId) : (itemId) => !items.has(itemId);
    }
    if (dataset === 'Items') {
      const test = this.rowTest('Items', column, operator, value);
      if (subject === 'ItemID') {
        const itemRow = this.request.itemRow ?? (() => undefined);
        return (itemId) => test(itemRow(itemId));
      }
      // Item metadata says nothing about a user (SPEC §8.3).
      return NEVER;
    }
    if (dataset === 'Users') {
      const test = this.rowTest('Users', column, operator, value);
      if (subject === 'UserID') {
        const userRow = this.request.userRow ?? (() => undefined);
        return (userId) => test(userRow(userId));
      }
      // An ItemID filter's Users condition is about the requesting user, for every item alike.
      return test(this.request.user) ? ALWAYS : NEVER;
    }
    throw new FilterRequestError(
      `${dataset} conditions apply to action recommendations (GetActionRecommendations) only.`,
    );
  }

  userConditionHolds(condition: FilterUserCondition): boolean {
    const user = this.request.user;
    if (user === undefined) return false;
    return this.rowTest('Users', condition.column, condition.operator, condition.value)(user);
  }

  expression(expression: FilterExpressionNode): Predicate {
    const groups = expression.groups.map((group) =>
      group.map((condition) => this.condition(condition)),
    );
    if (groups.length === 1 && groups[0]?.length === 1) return groups[0][0] ?? NEVER;
    return (id) => groups.some((group) => group.every((predicate) => predicate(id)));
  }
}

/**
 * Builds the predicate of a filter for one request: `true` = the item (or user) is kept.
 *
 * @throws FilterRequestError when the filter cannot serve this request: its subject is not the
 *   call's (e.g. a UserID filter on GetRecommendations), an INCLUDE expression's placeholder has no
 *   value, a `filterValues` key is used by no expression, a comparison placeholder has several or
 *   non-numeric values, CurrentItem outside related items, Interactions without a user, Actions.
 */
export function compileFilter(ast: FilterAst, request: FilterRequest): (id: string) => boolean {
  const used = new Set<string>();
  for (const expression of ast.expressions) {
    if (expression.subject !== request.subject)
      throw new FilterRequestError(
        `This filter selects ${expression.subject} but the request returns ${request.subject}s: use a ${request.subject} filter.`,
      );
    for (const name of expressionPlaceholders(expression)) used.add(name);
  }
  for (const key of request.values.keys())
    if (!used.has(key))
      throw new FilterRequestError(`filterValues key ${key} is not a placeholder of the filter.`);
  const compiler = new Compiler(request);
  const includes: Predicate[] = [];
  const excludes: Predicate[] = [];
  for (const expression of ast.expressions) {
    const missing = expressionPlaceholders(expression).filter((name) => !request.values.has(name));
    if (missing.length > 0) {
      if (expression.action === 'INCLUDE')
        throw new FilterRequestError(
          `filterValues needs a value for ${missing.map((name) => `$${name}`).join(', ')} (used by an INCLUDE expression).`,
        );
      continue;
    }
    if (!expression.userConditions.every((condition) => compiler.userConditionHolds(condition)))
      continue;
    (expression.action === 'INCLUDE' ? includes : excludes).push(compiler.expression(expression));
  }
  if (includes.length === 0 && excludes.length === 0) return ALWAYS;
  if (includes.length === 0) return (id) => !excludes.some((predicate) => predicate(id));
  return (id) =>
    includes.some((predicate) => predicate(id)) && !excludes.some((predicate) => predicate(id));
}
