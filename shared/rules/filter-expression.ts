/**
 * Amazon Personalize's filter expression language: one parser for the app (live lint with the
 * position of each error and a suggested fix) and for the Local sandbox (CreateFilter validation,
 * evaluation at request time).
 *
 * Source: SPEC §8 (grammar §8.1, semantic rules §8.2, examples §8.4, filter values §8.5), which
 * collects the developer guide pages "Filtering recommendations and user segments" and "Filter
 * expression elements", and §9 for the limits.
 *
 * Positions are UTF-16 offsets into the expression text (`from` inclusive, `to` exclusive), the
 * convention of CodeMirror 6 diagnostics.
 */

// Limits (SPEC §8.2 rule 9, §9)

/** Longest filter expression in characters (SPEC §2.16 `filterExpression` len 1..2500). */
export const MAX_FILTER_EXPRESSION_LENGTH = 2500;
/** Distinct dataset fields one filter may use across its expressions (SPEC §8.2 rule 9, §9). */
export const MAX_FIELDS_PER_FILTER = 10;
/** Distinct dataset fields all filters of a dataset group may use together (SPEC §8.2 rule 9, §9). */
export const MAX_FIELDS_PER_DATASET_GROUP = 20;
/** Filters per dataset group (SPEC §9, `LimitExceededException` beyond). */
export const MAX_FILTERS_PER_DATASET_GROUP = 10;
/** Keys of one `filterValues` map (SPEC §3.1, §8.5). */
export const MAX_FILTER_VALUES = 25;
/** Longest placeholder name (SPEC §8.1, §8.5: `[A-Za-z0-9_]+`, max 50). */
export const MAX_PLACEHOLDER_NAME_LENGTH = 50;
/** Longest `filterValues` value in characters (SPEC §3.1). */
export const MAX_FILTER_VALUE_LENGTH = 1000;
/**
 * Interactions a filter looks at per user and event type: the most recent 100 (SPEC §8.2 rule 9,
 * developer guide "Filtering recommendations": "the 100 most recent interactions per user per
 * event type").
 */
export const FILTER_INTERACTIONS_WINDOW = 100;

// AST

/** `INCLUDE` keeps only matching items/users/actions, `EXCLUDE` removes them (SPEC §8.2 rule 10). */
export type FilterAction = 'INCLUDE' | 'EXCLUDE';
/** What the filter selects (SPEC §8.2 rule 1). */
export type FilterSubject = 'ItemID' | 'UserID' | 'ActionID';
/** Datasets a condition may reference (SPEC §8.1 `dataset`). */
export type FilterDataset = 'Items' | 'Interactions' | 'Users' | 'Actions' | 'Action_Interactions';
/** Set and comparison operators (SPEC §8.1). */
export type FilterOperator = 'IN' | 'NOT IN' | '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A source range of the expression text. */
export interface FilterSpan {
  readonly from: number;
  readonly to: number;
}

/** One literal of a value list: `"text"`, a number, or `*` (any event type). */
export type FilterLiteral =
  | ({ readonly kind: 'string'; readonly value: string } & FilterSpan)
  | ({ readonly kind: 'number'; readonly value: number; readonly text: string } & FilterSpan)
  | ({ readonly kind: 'star' } & FilterSpan);

/** The right side of a condition. */
export type FilterValue =
  | ({ readonly kind: 'list'; readonly values: readonly FilterLiteral[] } & FilterSpan)
  | ({ readonly kind: 'placeholder'; readonly name: string } & FilterSpan)
  | ({ readonly kind: 'currentItem'; readonly column: string } & FilterSpan)
  | FilterLiteral;

/** `Items.GENRE IN (...)`, `Interactions.EVENT_TYPE IN (...)`, `Items.PRICE < 10`. */
export interface FilterCondition extends FilterSpan {
  readonly dataset: FilterDataset;
  readonly column: string;
  /** Range of `Dataset.COLUMN`. */
  readonly field: FilterSpan;
  readonly operator: FilterOperator;
  readonly value: FilterValue;
}

/** `CurrentUser.AGE > 18` inside `IF` (SPEC §8.2 rule 5). */
export interface FilterUserCondition extends FilterSpan {
  readonly column: string;
  readonly field: FilterSpan;
  readonly operator: FilterOperator;
  readonly value: FilterValue;
}

/**
 * One expression between `|` separators. `groups` is the WHERE clause as OR of ANDs (AND binds
 * tighter than OR, SPEC §8.2 rule 11): `a AND b OR c` → `[[a, b], [c]]`.
 */
export interface FilterExpressionNode extends FilterSpan {
  readonly action: FilterAction;
  readonly subject: FilterSubject;
  readonly groups: readonly (readonly FilterCondition[])[];
  /** `IF` conditions, all joined by AND; empty without `IF`. */
  readonly userConditions: readonly FilterUserCondition[];
}

/** A parsed filter: its expressions in source order. */
export interface FilterAst {
  readonly expressions: readonly FilterExpressionNode[];
}

// Diagnostics

/** A suggested edit: replace `from..to` by `insert`. */
export interface FilterFix {
  /** Button text, e.g. `Write INCLUDE`. */
  readonly label: string;
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** One problem in an expression, with its range and, when there is an obvious one, a fix. */
export interface FilterDiagnostic extends FilterSpan {
  readonly message: string;
  readonly fix?: FilterFix;
}

/** Result of {@link parseFilterExpression}: the AST only when there is no diagnostic. */
export interface FilterParseResult {
  readonly ast?: FilterAst;
  readonly diagnostics: readonly FilterDiagnostic[];
  /**
   * The fields the filter uses (see {@link filterFields}) whenever every expression parsed and
   * passed the other rules, also when only the field limit failed.
   */
  readonly fields?: readonly string[];
}

// Schema context (SPEC §8.2 rule 2)

/** Avro base type of a column (SPEC §4.2). */
export type FilterColumnType = 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';

/** One schema column, as a filter sees it. */
export interface FilterColumn {
  readonly name: string;
  readonly type: FilterColumnType;
  readonly isCategorical?: boolean;
  readonly isTextual?: boolean;
}

/**
 * The datasets of a dataset group and their columns (absent dataset = not in the group). Used by
 * {@link lintFilterExpression} for the checks that need the schemas (unknown dataset or column,
 * textual and boolean columns, comparisons on non-numeric columns).
 */
export interface FilterSchemaContext {
  readonly datasets: Partial<Record<FilterDataset, readonly FilterColumn[]>>;
}

const DATASETS: readonly FilterDataset[] = [
  'Items',
  'Interactions',
  'Users',
  'Actions',
  'Action_Interactions',
];
const SUBJECTS: readonly FilterSubject[] = ['ItemID', 'UserID', 'ActionID'];
const KEYWORDS = ['INCLUDE', 'EXCLUDE', 'WHERE', 'AND', 'OR', 'IN', 'NOT', 'IF'] as const;
const NUMERIC_TYPES: readonly FilterColumnType[] = ['int', 'long', 'float', 'double'];

/** Whether a column type compares as a number (`<`, `=`... SPEC §8.2 rule 7). */
export function isNumericColumnType(type: FilterColumnType): boolean {
  return NUMERIC_TYPES.includes(type);
}

/**
 * Columns of a Personalize Avro schema (SPEC §4.1-§4.2) for a {@link FilterSchemaContext}:
 * `["null", "string"]` unions give their non-null type; `categorical` / `textual` flags kept.
 * Returns `[]` when the text is not a record schema.
 */
export function filterColumnsFromAvro(schemaJson: string): FilterColumn[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(schemaJson);
  } catch {
    return [];
  }
  const fields = (parsed as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields)) return [];
  const columns: FilterColumn[] = [];
  for (const field of fields as unknown[]) {
    if (typeof field !== 'object' || field === null) continue;
    const { name, type, categorical, textual } = field as Record<string, unknown>;
    if (typeof name !== 'string') continue;
    const base: unknown = Array.isArray(type)
      ? (type as unknown[]).find((entry) => entry !== 'null')
      : type;
    if (typeof base !== 'string') continue;
    if (!['string', 'int', 'long', 'float', 'double', 'boolean'].includes(base)) continue;
    columns.push({
      name,
      type: base as FilterColumnType,
      isCategorical: categorical === true,
      isTextual: textual === true,
    });
  }
  return columns;
}

// Tokens

type TokenKind =
  | 'word'
  | 'string'
  | 'number'
  | 'placeholder'
  | 'op'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'pipe'
  | 'star'
  | 'end';

interface Token extends FilterSpan {
  readonly kind: TokenKind;
  readonly text: string;
}

class FilterSyntaxError extends Error {
  constructor(readonly diagnostic: FilterDiagnostic) {
    super(diagnostic.message);
  }
}

function fail(span: FilterSpan, message: string, fix?: FilterFix): never {
  throw new FilterSyntaxError({ from: span.from, to: span.to, message, ...(fix ? { fix } : {}) });
}

/** Splits the text into tokens; the first lexical error is returned with the tokens before it. */
function tokenize(text: string): { tokens: Token[]; error?: FilterDiagnostic } {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, from: number, to: number): void => {
    tokens.push({ kind, from, to, text: text.slice(from, to) });
  };
  while (at < text.length) {
    const char = text[at] ?? '';
    if (/\s/u.test(char)) {
      at++;
      continue;
    }
    const from = at;
    if (char === '"') {
      const close = text.indexOf('"', at + 1);
      if (close < 0) {
        return {
          tokens,
          error: {
            from,
            to: text.length,
            message: 'This string has no closing double quote.',
            fix: { label: 'Close the string', from: text.length, to: text.length, insert: '"' },
          },
        };
      }
      push('string', from, close + 1);
      at = close + 1;
      continue;
    }
    if (char === "'") {
      const close = text.indexOf("'", at + 1);
      const to = close < 0 ? text.length : close + 1;
      const inner = text.slice(at + 1, close < 0 ? text.length : close);
      return {
        tokens,
        error: {
          from,
          to,
          message: 'Values are written in double quotes, not single quotes.',
          fix: { label: `Write "${inner}"`, from, to, insert: `"${inner}"` },
        },
      };
    }
    if (char === '$') {
      const match = /^\$[A-Za-z0-9_]*/u.exec(text.slice(at));
      const length = match?.[0].length ?? 1;
      if (length === 1)
        return {
          tokens,
          error: {
            from,
            to: from + 1,
            message:
              'A placeholder is $ followed by a name of letters, digits and _ (e.g. $GENRE).',
          },
        };
      push('placeholder', from, from + length);
      at += length;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?/u.exec(text.slice(at));
    if (number && (char !== '-' || /\d/u.test(text[at + 1] ?? ''))) {
      push('number', from, from + number[0].length);
      at += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]*)*/u.exec(text.slice(at));
    if (word) {
      push('word', from, from + word[0].length);
      at += word[0].length;
      continue;
    }
    const two = text.slice(at, at + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      push('op', from, from + 2);
      at += 2;
      continue;
    }
    if (two === '==' || two === '<>') {
      const insert = two === '==' ? '=' : '!=';
      return {
        tokens,
        error: {
          from,
          to: from + 2,
          message: `Unknown operator ${two}: write ${insert}.`,
          fix: { label: `Write ${insert}`, from, to: from + 2, insert },
        },
      };
    }
    if (char === '=' || char === '<' || char === '>') {
      push('op', from, from + 1);
      at++;
      continue;
    }
    const single: Readonly<Record<string, TokenKind>> = {
      '(': 'lparen',
      ')': 'rparen',
      ',': 'comma',
      '|': 'pipe',
      '*': 'star',
    };
    const kind = single[char];
    if (kind !== undefined) {
      push(kind, from, from + 1);
      at++;
      continue;
    }
    if (char === '!') {
      return {
        tokens,
        error: {
          from,
          to: from + 1,
          message: 'Unknown operator !: write != (not equal) or NOT IN.',
          fix: { label: 'Write !=', from, to: from + 1, insert: '!=' },
        },
      };
    }
    return {
      tokens,
      error: {
        from,
        to: from + 1,
        message: `Invalid input symbol ${char}.`,
        fix: { label: `Remove ${char}`, from, to: from + 1, insert: '' },
      },
    };
  }
  return { tokens };
}

// Parser

class ExpressionParser {
  private at = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly end: FilterSpan,
  ) {}

  private peek(offset = 0): Token {
    return (
      this.tokens[this.at + offset] ?? {
        kind: 'end',
        text: '',
        from: this.end.from,
        to: this.end.to,
      }
    );
  }

  private next(): Token {
    const token = this.peek();
    this.at++;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text === keyword;
  }

  /**
   * Fails with "keywords are upper-case" when `token` is `keyword` in another case. SPEC §10
   * leaves keyword case-sensitivity open; settled as upper-case only, SPEC §8.1 ("accept
   * upper-case, reject others") and its §8.4 example `include ItemID where ...`.
   */
  private checkCase(token: Token, keyword: string): void {
    if (token.kind === 'word' && token.text !== keyword && token.text.toUpperCase() === keyword)
      fail(token, `Keywords are written in upper case: ${keyword}.`, {
        label: `Write ${keyword}`,
        from: token.from,
        to: token.to,
        insert: keyword,
      });
  }

  private expectKeyword(keyword: string, what: string): Token {
    const token = this.next();
    if (this.isKeyword(token, keyword)) return token;
    this.checkCase(token, keyword);
    fail(token, `Expected ${keyword} ${what}${describeFound(token)}.`, {
      label: `Insert ${keyword}`,
      from: token.from,
      to: token.from,
      insert: `${keyword} `,
    });
  }

  parse(): FilterExpressionNode {
    const first = this.next();
    let action: FilterAction;
    if (this.isKeyword(first, 'INCLUDE') || this.isKeyword(first, 'EXCLUDE'))
      action = first.text as FilterAction;
    else {
      this.checkCase(first, 'INCLUDE');
      this.checkCase(first, 'EXCLUDE');
      if (first.kind === 'end')
        fail(
          first,
          'Empty expression: start with INCLUDE or EXCLUDE, e.g. EXCLUDE ItemID WHERE ...',
          {
            label: 'Insert a template',
            from: first.from,
            to: first.from,
            insert: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")',
          },
        );
      fail(first, `An expression starts with INCLUDE or EXCLUDE${describeFound(first)}.`);
    }
    const subjectToken = this.next();
    const subject = SUBJECTS.find((name) => name === subjectToken.text);
    if (subject === undefined) {
      const fold = SUBJECTS.find((name) => name.toLowerCase() === subjectToken.text.toLowerCase());
      if (fold !== undefined)
        fail(subjectToken, `Write ${fold}.`, {
          label: `Write ${fold}`,
          from: subjectToken.from,
          to: subjectToken.to,
          insert: fold,
        });
      fail(
        subjectToken,
        `After ${action} comes ItemID, UserID or ActionID${describeFound(subjectToken)}.`,
        subjectToken.kind === 'word' && subjectToken.text === 'WHERE'
          ? {
              label: 'Insert ItemID',
              from: subjectToken.from,
              to: subjectToken.from,
              insert: 'ItemID ',
            }
          : undefined,
      );
    }
    const where = this.peek();
    if (this.isKeyword(where, 'IF')) fail(where, 'IF must come last, after the WHERE conditions.');
    this.expectKeyword('WHERE', `after ${subject}`);
    const groups: FilterCondition[][] = [[this.condition()]];
    const userConditions: FilterUserCondition[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end' || token.kind === 'pipe') break;
      if (this.isKeyword(token, 'AND') || this.isKeyword(token, 'OR')) {
        this.next();
        const condition = this.condition();
        // AND binds tighter than OR: SPEC §8.2 rule 11 settles SPEC §10's precedence question.
        if (token.text === 'AND') groups[groups.length - 1]?.push(condition);
        else groups.push([condition]);
        continue;
      }
      if (this.isKeyword(token, 'IF')) {
        this.next();
        userConditions.push(this.userCondition());
        for (;;) {
          const after = this.peek();
          if (after.kind === 'end' || after.kind === 'pipe') break;
          if (this.isKeyword(after, 'AND')) {
            this.next();
            userConditions.push(this.userCondition());
            continue;
          }
          if (this.isKeyword(after, 'IF'))
            fail(after, 'Only one IF per expression: join its conditions with AND.', {
              label: 'Write AND',
              from: after.from,
              to: after.to,
              insert: 'AND',
            });
          if (this.isKeyword(after, 'OR'))
            fail(after, 'IF conditions are joined with AND only.', {
              label: 'Write AND',
              from: after.from,
              to: after.to,
              insert: 'AND',
            });
          this.checkCase(after, 'AND');
          fail(after, `Expected AND, | or the end of the filter${describeFound(after)}.`);
        }
        break;
      }
      for (const keyword of ['AND', 'OR', 'IF']) this.checkCase(token, keyword);
      fail(token, `Expected AND, OR, IF, | or the end of the filter${describeFound(token)}.`);
    }
    const last = this.tokens[this.at - 1];
    return {
      action,
      subject,
      groups,
      userConditions,
      from: first.from,
      to: last?.to ?? first.to,
    };
  }

  private fieldToken(): { token: Token; prefix: string; column: string } {
    const token = this.next();
    if (token.kind !== 'word')
      fail(token, `Expected a dataset field such as Items.GENRE${describeFound(token)}.`);
    const dot = token.text.indexOf('.');
    if (dot < 0) {
      for (const keyword of KEYWORDS) this.checkCase(token, keyword);
      fail(
        token,
        `Expected a dataset field such as Items.${token.text} (dataset, dot, column)${describeFound(token)}.`,
      );
    }
    const prefix = token.text.slice(0, dot);
    const column = token.text.slice(dot + 1);
    if (column === '' || !/^[A-Za-z_][A-Za-z0-9_]*$/u.test(column))
      fail(token, `Expected a column name after ${prefix}. (letters, digits and _).`);
    return { token, prefix, column };
  }

  private condition(): FilterCondition {
    const { token, prefix, column } = this.fieldToken();
    if (prefix === 'CurrentUser')
      fail(
        token,
        'CurrentUser is only allowed in the IF clause at the end of an expression, e.g. ... IF CurrentUser.AGE > 18.',
      );
    if (prefix === 'CurrentItem')
      fail(
        token,
        'CurrentItem is only allowed on the right side of a condition, e.g. Items.GENRE IN CurrentItem.GENRE.',
      );
    const dataset = DATASETS.find((name) => name === prefix);
    if (dataset === undefined) {
      const fold = DATASETS.find((name) => name.toLowerCase() === prefix.toLowerCase());
      fail(
        { from: token.from, to: token.from + prefix.length },
        fold !== undefined
          ? `Write ${fold}.`
          : `Unknown dataset ${prefix}: use Items, Interactions, Users, Actions or Action_Interactions.`,
        fold !== undefined
          ? {
              label: `Write ${fold}`,
              from: token.from,
              to: token.from + prefix.length,
              insert: fold,
            }
          : undefined,
      );
    }
    const operator = this.operator();
    const value = this.value(operator, false);
    return {
      dataset,
      column,
      field: { from: token.from, to: token.to },
      operator,
      value,
      from: token.from,
      to: value.to,
    };
  }

  private userCondition(): FilterUserCondition {
    const { token, prefix, column } = this.fieldToken();
    if (prefix !== 'CurrentUser') {
      const isUsers = prefix === 'Users';
      fail(
        { from: token.from, to: token.from + prefix.length },
        `IF conditions use CurrentUser.<column> (the requesting user's record)${isUsers ? ', not Users.' : ''}.`,
        {
          label: 'Write CurrentUser',
          from: token.from,
          to: token.from + prefix.length,
          insert: 'CurrentUser',
        },
      );
    }
    const operator = this.operator();
    const value = this.value(operator, true);
    return {
      column,
      field: { from: token.from, to: token.to },
      operator,
      value,
      from: token.from,
      to: value.to,
    };
  }

  private operator(): FilterOperator {
    const token = this.next();
    if (token.kind === 'op') return token.text as FilterOperator;
    if (this.isKeyword(token, 'IN')) return 'IN';
    if (this.isKeyword(token, 'NOT')) {
      const inToken = this.next();
      if (this.isKeyword(inToken, 'IN')) return 'NOT IN';
      this.checkCase(inToken, 'IN');
      fail(inToken, `NOT is followed by IN${describeFound(inToken)}.`, {
        label: 'Insert IN',
        from: inToken.from,
        to: inToken.from,
        insert: 'IN ',
      });
    }
    this.checkCase(token, 'IN');
    this.checkCase(token, 'NOT');
    fail(token, `Expected IN, NOT IN, =, !=, <, <=, > or >=${describeFound(token)}.`);
  }

  private literal(allowWord: boolean): FilterLiteral {
    const token = this.next();
    // `("*")` and `(*)` both mean any event type (SPEC §8.2 rule 3 writes it quoted).
    if (token.kind === 'star' || (token.kind === 'string' && token.text === '"*"'))
      return { kind: 'star', from: token.from, to: token.to };
    if (token.kind === 'string')
      return { kind: 'string', value: token.text.slice(1, -1), from: token.from, to: token.to };
    if (token.kind === 'number')
      return {
        kind: 'number',
        value: Number(token.text),
        text: token.text,
        from: token.from,
        to: token.to,
      };
    if (token.kind === 'word' && allowWord)
      fail(token, `String values must be double-quoted: "${token.text}".`, {
        label: `Write "${token.text}"`,
        from: token.from,
        to: token.to,
        insert: `"${token.text}"`,
      });
    if (token.kind === 'placeholder')
      fail(token, 'A placeholder stands alone in its parentheses: IN ($NAME).');
    fail(token, `Expected a value ("text" or a number)${describeFound(token)}.`);
  }

  private value(operator: FilterOperator, isUserCondition: boolean): FilterValue {
    const token = this.peek();
    if (token.kind === 'word' && token.text.startsWith('CurrentItem.')) {
      this.next();
      const column = token.text.slice('CurrentItem.'.length);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(column))
        fail(token, 'Expected a column name after CurrentItem.');
      return { kind: 'currentItem', column, from: token.from, to: token.to };
    }
    if (operator === 'IN' || operator === 'NOT IN') {
      if (token.kind !== 'lparen') {
        if (token.kind === 'string' || token.kind === 'number' || token.kind === 'placeholder')
          fail(token, `Put the values of ${operator} in parentheses: (${token.text}).`, {
            label: `Write (${token.text})`,
            from: token.from,
            to: token.to,
            insert: `(${token.text})`,
          });
        fail(token, `Expected ( after ${operator}${describeFound(token)}.`);
      }
      const open = this.next();
      const inner = this.peek();
      if (inner.kind === 'placeholder') {
        this.next();
        const close = this.next();
        if (close.kind !== 'rparen')
          fail(
            close,
            close.kind === 'comma'
              ? 'A placeholder stands alone in its parentheses: pass several values in filterValues.'
              : `Expected ) after ${inner.text}${describeFound(close)}.`,
          );
        return placeholder(inner, open.from, close.to);
      }
      const values: FilterLiteral[] = [this.literal(true)];
      for (;;) {
        const separator = this.next();
        if (separator.kind === 'rparen')
          return { kind: 'list', values, from: open.from, to: separator.to };
        if (separator.kind === 'comma') {
          values.push(this.literal(true));
          continue;
        }
        if (separator.kind === 'string' || separator.kind === 'number')
          fail(separator, 'Separate values with commas.', {
            label: 'Insert ,',
            from: separator.from,
            to: separator.from,
            insert: ', ',
          });
        fail(separator, `Expected , or ) in the value list${describeFound(separator)}.`, {
          label: 'Insert )',
          from: separator.from,
          to: separator.from,
          insert: ') ',
        });
      }
    }
    // Comparison: number, "string", $P, ($P) or CurrentItem.col.
    if (token.kind === 'placeholder') {
      this.next();
      return placeholder(token, token.from, token.to);
    }
    if (token.kind === 'lparen' && this.peek(1).kind === 'placeholder') {
      this.next();
      const name = this.next();
      const close = this.next();
      if (close.kind !== 'rparen')
        fail(close, `Expected ) after ${name.text}${describeFound(close)}.`);
      return placeholder(name, token.from, close.to);
    }
    if (token.kind === 'lparen')
      fail(
        token,
        `${operator} compares with one value: a number, a placeholder or CurrentItem.<column>.`,
      );
    const literal = this.literal(isUserCondition);
    if (literal.kind === 'star') fail(literal, `* is only allowed in an IN list of EVENT_TYPE.`);
    if (literal.kind === 'string' && !(isUserCondition && (operator === '=' || operator === '!=')))
      fail(literal, `${operator} compares numbers: "${literal.value}" is not a number.`);
    return literal;
  }
}

function placeholder(token: Token, from: number, to: number): FilterValue {
  const name = token.text.slice(1);
  if (name.length > MAX_PLACEHOLDER_NAME_LENGTH)
    fail(token, `Placeholder names have at most ${MAX_PLACEHOLDER_NAME_LENGTH} characters.`);
  return { kind: 'placeholder', name, from, to };
}

function describeFound(token: { kind: TokenKind; text: string }): string {
  if (token.kind === 'end') return ', found the end of the expression';
  return `, found ${token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text}`;
}

/** Context-free semantic rules of SPEC §8.2 on one parsed expression. */
function checkExpression(expression: FilterExpressionNode, out: FilterDiagnostic[]): void {
  const conditions = expression.groups.flat();
  const firstDataset = conditions[0]?.dataset;
  let previousEnd = conditions[0]?.to ?? expression.from;
  for (const condition of conditions) {
    if (condition.dataset !== firstDataset) {
      const head = `${expression.action} ${expression.subject} WHERE `;
      out.push({
        ...condition.field,
        message: `One expression cannot mix datasets (${firstDataset ?? ''} and ${condition.dataset}): chain a second expression with the pipe separator |.`,
        fix: {
          label: 'Split with |',
          from: previousEnd,
          to: condition.from,
          insert: ` | ${head}`,
        },
      });
    }
    previousEnd = condition.to;
    const isEventTable =
      condition.dataset === 'Interactions' || condition.dataset === 'Action_Interactions';
    if (isEventTable && condition.column.toUpperCase() !== 'EVENT_TYPE') {
      out.push({
        ...condition.field,
        message: `${condition.dataset} filters use EVENT_TYPE only (no other interaction columns).`,
        fix: {
          label: `Write ${condition.dataset}.EVENT_TYPE`,
          ...condition.field,
          insert: `${condition.dataset}.EVENT_TYPE`,
        },
      });
    }
    if (isEventTable && condition.column.toUpperCase() === 'EVENT_TYPE') {
      if (condition.operator !== 'IN' && condition.operator !== 'NOT IN')
        out.push({
          from: condition.field.to,
          to: condition.value.from,
          message: 'EVENT_TYPE is matched with IN (...).',
        });
      if (condition.value.kind === 'currentItem')
        out.push({
          ...condition.value,
          message: 'EVENT_TYPE cannot be compared with CurrentItem.',
        });
    }
    if (condition.value.kind === 'list') {
      for (const literal of condition.value.values)
        if (
          literal.kind === 'star' &&
          !(isEventTable && condition.column.toUpperCase() === 'EVENT_TYPE')
        )
          out.push({
            ...literal,
            message: '* (any value) is only allowed for EVENT_TYPE.',
          });
    }
    if (condition.value.kind === 'placeholder' && condition.operator === 'NOT IN')
      out.push({
        ...condition.value,
        message: `A placeholder cannot be used with NOT IN: write ${expression.action === 'INCLUDE' ? 'EXCLUDE' : 'INCLUDE'} ... IN ($${condition.value.name}) instead, or list the values.`,
      });
    if (condition.value.kind === 'currentItem' && expression.subject !== 'ItemID')
      out.push({
        ...condition.value,
        message: 'CurrentItem is only allowed in ItemID filters (related-items recommendations).',
      });
  }
}

/**
 * `Dataset.COLUMN` of every field the filter uses (column upper-cased: columns match their schema
 * case-insensitively, the guide's notebooks write `Interactions.event_type`), `CurrentItem.X` as
 * `Items.X`, `CurrentUser.X` as `Users.X`.
 */
export function filterFields(ast: FilterAst): string[] {
  const fields = new Set<string>();
  for (const expression of ast.expressions) {
    for (const condition of expression.groups.flat()) {
      fields.add(`${condition.dataset}.${condition.column.toUpperCase()}`);
      if (condition.value.kind === 'currentItem')
        fields.add(`Items.${condition.value.column.toUpperCase()}`);
    }
    for (const condition of expression.userConditions) {
      fields.add(`Users.${condition.column.toUpperCase()}`);
      if (condition.value.kind === 'currentItem')
        fields.add(`Items.${condition.value.column.toUpperCase()}`);
    }
  }
  return [...fields];
}

/** Placeholder names (without `$`) of one expression, in order of first use. */
export function expressionPlaceholders(expression: FilterExpressionNode): string[] {
  const names = new Set<string>();
  for (const condition of [...expression.groups.flat(), ...expression.userConditions])
    if (condition.value.kind === 'placeholder') names.add(condition.value.name);
  return [...names];
}

/**
 * Placeholders (without `$`) a request must give a value in `filterValues`: those of INCLUDE
 * expressions. An EXCLUDE expression whose placeholder has no value is left out of the filter
 * (SPEC §3, filterValues; the service's GetRecommendations documentation). `[]` when the text
 * does not parse.
 */
export function requiredPlaceholders(text: string): string[] {
  const { ast } = parseFilterExpression(text);
  const names = new Set<string>();
  for (const expression of ast?.expressions ?? [])
    if (expression.action === 'INCLUDE')
      for (const name of expressionPlaceholders(expression)) names.add(name);
  return [...names];
}

/**
 * Parses a filter expression and applies the rules of SPEC §8.2 that need no schema: mixed
 * datasets, Interactions fields other than EVENT_TYPE, `*` outside EVENT_TYPE, placeholders with
 * NOT IN, CurrentItem outside ItemID filters, the 10-field limit and the 2500-character limit.
 *
 * Expressions between `|` are parsed independently, so each reports its first syntax error.
 * Returns the AST only when there are no diagnostics. Never throws.
 */
export function parseFilterExpression(text: string): FilterParseResult {
  const diagnostics: FilterDiagnostic[] = [];
  if (text.length > MAX_FILTER_EXPRESSION_LENGTH)
    diagnostics.push({
      from: MAX_FILTER_EXPRESSION_LENGTH,
      to: text.length,
      message: `A filter expression has at most ${MAX_FILTER_EXPRESSION_LENGTH} characters (this one has ${text.length}).`,
    });
  const { tokens, error } = tokenize(text);
  const endSpan = { from: text.length, to: text.length };
  // Split the tokens on `|`.
  const segments: { tokens: Token[]; end: FilterSpan; pipe?: Token }[] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'pipe') {
      segments.push({ tokens: current, end: token, pipe: token });
      current = [];
    } else current.push(token);
  }
  segments.push({ tokens: current, end: error ?? endSpan });
  const expressions: FilterExpressionNode[] = [];
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    if (segment.tokens.length === 0 && segments.length > 1 && !(isLast && error)) {
      const pipe = segment.pipe ?? segments[index - 1]?.pipe;
      if (pipe !== undefined)
        diagnostics.push({
          ...pipe,
          message: isLast
            ? 'Dangling pipe separator |: add an expression after it or remove it.'
            : 'Empty expression between pipe separators |.',
          fix: { label: 'Remove |', from: pipe.from, to: pipe.to, insert: '' },
        });
      continue;
    }
    if (isLast && error && segment.tokens.length === 0 && segments.length > 1) continue;
    try {
      const expression = new ExpressionParser(segment.tokens, segment.end).parse();
      const remaining = segment.tokens.filter((token) => token.from >= expression.to);
      if (remaining.length > 0 && !(isLast && error))
        fail(remaining[0] ?? segment.end, 'Unexpected text after the expression.');
      if (!(isLast && error)) {
        checkExpression(expression, diagnostics);
        expressions.push(expression);
      }
    } catch (caught) {
      if (!(caught instanceof FilterSyntaxError)) throw caught;
      // A lexical error at the end of the last segment explains an early end better.
      if (!(isLast && error && caught.diagnostic.from >= error.from))
        diagnostics.push(caught.diagnostic);
    }
  }
  if (error) diagnostics.push(error);
  if (text.trim() === '' && diagnostics.length === 0)
    diagnostics.push({ from: 0, to: text.length, message: 'The filter expression is empty.' });
  const fields = diagnostics.length === 0 ? filterFields({ expressions }) : undefined;
  if (fields !== undefined && fields.length > MAX_FIELDS_PER_FILTER)
    diagnostics.push({
      from: 0,
      to: text.length,
      message: `A filter uses at most ${MAX_FIELDS_PER_FILTER} distinct dataset fields; this one uses ${fields.length} (${fields.join(', ')}).`,
    });
  diagnostics.sort((a, b) => a.from - b.from || a.to - b.to);
  const withFields = fields !== undefined ? { fields } : {};
  return diagnostics.length === 0
    ? { ast: { expressions }, diagnostics, ...withFields }
    : { diagnostics, ...withFields };
}

/** The schema column a filter names: exact, else case-insensitive (AWS accepts `Interactions.event_type`). */
export function findFilterColumn(
  columns: readonly FilterColumn[],
  name: string,
): FilterColumn | undefined {
  return (
    columns.find((column) => column.name === name) ??
    columns.find((column) => column.name.toLowerCase() === name.toLowerCase())
  );
}

function checkColumn(
  context: FilterSchemaContext,
  dataset: FilterDataset,
  column: string,
  span: FilterSpan,
  use: 'set' | 'compare' | 'userCompare',
  out: FilterDiagnostic[],
): void {
  const columns = context.datasets[dataset];
  if (columns === undefined) {
    out.push({
      ...span,
      message: `The dataset group has no ${dataset} dataset.`,
    });
    return;
  }
  const found = findFilterColumn(columns, column);
  if (found === undefined) {
    const names = columns.map((entry) => entry.name).join(', ');
    out.push({ ...span, message: `${dataset} has no column ${column} (columns: ${names}).` });
    return;
  }
  if (found.isTextual === true) {
    out.push({
      ...span,
      message: `${dataset}.${found.name} is a textual column: textual columns cannot be filtered.`,
    });
    return;
  }
  if (found.type === 'boolean') {
    out.push({
      ...span,
      message: `${dataset}.${found.name} is a boolean column: boolean columns cannot be filtered (store "True"/"False" as a string column).`,
    });
    return;
  }
  if (use === 'compare' && !isNumericColumnType(found.type))
    out.push({
      ...span,
      message: `${dataset}.${found.name} is a ${found.type} column: =, !=, <, <=, >, >= compare numbers; use IN (...) for strings.`,
    });
}

/**
 * Every diagnostic of a filter expression: syntax and the schema-free rules
 * ({@link parseFilterExpression}), then, with `context`, the rules that need the dataset group's
 * schemas (SPEC §8.2 rules 2 and 7): the dataset exists in the group, the column exists (with a
 * case fix), textual and boolean columns cannot be used, comparisons need a numeric column, IF
 * needs a Users dataset, CurrentItem names an Items column.
 *
 * Sorted by position. An empty list means CreateFilter accepts the expression. Never throws.
 */
export function lintFilterExpression(
  text: string,
  context?: FilterSchemaContext,
): FilterDiagnostic[] {
  const { ast, diagnostics } = parseFilterExpression(text);
  if (ast === undefined || context === undefined) return [...diagnostics];
  const out: FilterDiagnostic[] = [];
  for (const expression of ast.expressions) {
    for (const condition of expression.groups.flat()) {
      const isEventTable =
        condition.dataset === 'Interactions' || condition.dataset === 'Action_Interactions';
      if (isEventTable) {
        if (context.datasets[condition.dataset] === undefined)
          out.push({
            ...condition.field,
            message: `The dataset group has no ${condition.dataset} dataset.`,
          });
      } else {
        checkColumn(
          context,
          condition.dataset,
          condition.column,
          condition.field,
          condition.operator === 'IN' || condition.operator === 'NOT IN' ? 'set' : 'compare',
          out,
        );
      }
      if (condition.value.kind === 'currentItem')
        checkColumn(
          context,
          'Items',
          condition.value.column,
          condition.value,
          condition.operator === 'IN' || condition.operator === 'NOT IN' ? 'set' : 'compare',
          out,
        );
    }
    for (const condition of expression.userConditions) {
      const isString =
        condition.value.kind === 'string' ||
        (condition.value.kind === 'placeholder' &&
          (condition.operator === '=' || condition.operator === '!='));
      checkColumn(
        context,
        'Users',
        condition.column,
        condition.field,
        condition.operator === 'IN' || condition.operator === 'NOT IN' || isString
          ? 'set'
          : 'userCompare',
        out,
      );
    }
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

// Filter values (SPEC §8.5)

/** Result of {@link parseFilterValues}: values per placeholder, or the first problem. */
export type FilterValuesResult =
  | { readonly ok: true; readonly values: ReadonlyMap<string, readonly string[]> }
  | { readonly ok: false; readonly message: string };

/**
 * Parses a `filterValues` map (SPEC §8.5): split each value on commas outside double quotes,
 * trim, strip one pair of surrounding double quotes, `\"` inside quotes is a literal quote.
 * `{"GENRES": "\"horror\",\"comedy\""}` → GENRES: [horror, comedy]; numbers may be quoted or not
 * (SPEC §10 leaves numeric quoting open; settled by SPEC §8.5: `"10"` and `"\"10\""` both mean 10).
 *
 * Fails on more than {@link MAX_FILTER_VALUES} keys, a key outside `[A-Za-z0-9_]{1,50}`, a value
 * longer than {@link MAX_FILTER_VALUE_LENGTH} or an empty segment.
 */
export function parseFilterValues(raw: Readonly<Record<string, unknown>>): FilterValuesResult {
  const entries = Object.entries(raw);
  if (entries.length > MAX_FILTER_VALUES)
    return {
      ok: false,
      message: `filterValues has ${entries.length} keys; at most ${MAX_FILTER_VALUES} are allowed.`,
    };
  const values = new Map<string, string[]>();
  for (const [key, value] of entries) {
    if (!/^[A-Za-z0-9_]{1,50}$/u.test(key))
      return {
        ok: false,
        message: `filterValues key ${key} must match [A-Za-z0-9_]+ (at most 50 characters).`,
      };
    if (typeof value !== 'string')
      return { ok: false, message: `filterValues value of ${key} must be a string.` };
    if (value.length > MAX_FILTER_VALUE_LENGTH)
      return {
        ok: false,
        message: `filterValues value of ${key} has more than ${MAX_FILTER_VALUE_LENGTH} characters.`,
      };
    const segments: string[] = [];
    let buffer = '';
    let inQuotes = false;
    for (let index = 0; index < value.length; index++) {
      const char = value[index] ?? '';
      if (inQuotes && char === '\\' && value[index + 1] === '"') {
        buffer += '\\"';
        index++;
        continue;
      }
      if (char === '"') inQuotes = !inQuotes;
      if (char === ',' && !inQuotes) {
        segments.push(buffer);
        buffer = '';
        continue;
      }
      buffer += char;
    }
    if (inQuotes)
      return { ok: false, message: `filterValues value of ${key} has an unclosed double quote.` };
    segments.push(buffer);
    const parsed: string[] = [];
    for (const segment of segments) {
      let item = segment.trim();
      if (item.length >= 2 && item.startsWith('"') && item.endsWith('"')) item = item.slice(1, -1);
      item = item.replace(/\\"/gu, '"');
      if (item === '')
        return {
          ok: false,
          message: `filterValues value of ${key} has an empty value; write "\\"v1\\",\\"v2\\"".`,
        };
      parsed.push(item);
    }
    values.set(key, parsed);
  }
  return { ok: true, values };
}
