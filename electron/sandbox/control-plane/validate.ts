import { ServiceError, invalidInput } from '../errors.js';
import {
  PERSONALIZE_EVENTS_OPERATIONS,
  PERSONALIZE_EVENTS_SHAPES,
  PERSONALIZE_OPERATIONS,
  PERSONALIZE_RUNTIME_OPERATIONS,
  PERSONALIZE_RUNTIME_SHAPES,
  PERSONALIZE_SHAPES,
  type ModelService,
  type OperationModel,
  type ShapeRule,
} from '../service-model.js';

const MODELS: Readonly<
  Record<
    ModelService,
    {
      operations: Readonly<Record<string, OperationModel>>;
      shapes: Readonly<Record<string, ShapeRule>>;
    }
  >
> = {
  personalize: { operations: PERSONALIZE_OPERATIONS, shapes: PERSONALIZE_SHAPES },
  'personalize-runtime': {
    operations: PERSONALIZE_RUNTIME_OPERATIONS,
    shapes: PERSONALIZE_RUNTIME_SHAPES,
  },
  'personalize-events': {
    operations: PERSONALIZE_EVENTS_OPERATIONS,
    shapes: PERSONALIZE_EVENTS_SHAPES,
  },
};

const regexCache = new Map<string, RegExp | null>();

/**
 * Full-match regex of a model pattern (AWS matches the whole value, Java `matches()`); `null`
 * for a pattern JavaScript cannot compile (then not checked; none of the model's 13 is).
 */
function fullMatch(pattern: string): RegExp | null {
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      regex = null;
    }
    regexCache.set(pattern, regex);
  }
  return regex;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `'[${value.length} entries]'`;
  if (typeof value === 'object' && value !== null)
    return `'{${Object.keys(value).length} entries}'`;
  return `'${JSON.stringify(value)}'`;
}

function wrongType(member: string, expected: string): ServiceError {
  return new ServiceError(
    'SerializationException',
    `Member '${member}' must be of type ${expected}.`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks a value against its shape, throwing on a wrong JSON type and collecting constraint violations. */
class Walker {
  readonly violations: string[] = [];

  constructor(
    private readonly shapes: Readonly<Record<string, ShapeRule>>,
    private readonly isLenientTime: boolean,
  ) {}

  private violate(member: string, value: unknown, rule: string): void {
    this.violations.push(
      `Value ${describeValue(value)} at '${member}' failed to satisfy constraint: ${rule}`,
    );
  }

  private size(
    member: string,
    value: unknown,
    length: number,
    rule: ShapeRule,
    noun: 'length' | 'value',
  ): void {
    if (rule.min !== undefined && length < rule.min)
      this.violate(member, value, `Member must have ${noun} greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && length > rule.max)
      this.violate(member, value, `Member must have ${noun} less than or equal to ${rule.max}`);
  }

  /** Checks `value` (not null) at path `member` against the shape named `shapeName`. */
  check(member: string, value: unknown, shapeName: string): void {
    const rule = this.shapes[shapeName];
    if (rule === undefined) return;
    switch (rule.type) {
      case 'string': {
        if (typeof value !== 'string') throw wrongType(member, 'string');
        this.size(member, value, value.length, rule, 'length');
        if (rule.enum && !rule.enum.includes(value))
          this.violate(
            member,
            value,
            `Member must satisfy enum value set: [${rule.enum.join(', ')}]`,
          );
        const regex = rule.pattern !== undefined ? fullMatch(rule.pattern) : null;
        if (regex && rule.pattern !== undefined && !regex.test(value))
          this.violate(
            member,
            value,
            `Member must satisfy regular expression pattern: ${rule.pattern}`,
          );
        return;
      }
      case 'integer':
      case 'long':
        if (typeof value !== 'number' || !Number.isInteger(value))
          throw wrongType(member, 'integer');
        this.size(member, value, value, rule, 'value');
        return;
      case 'double':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(member, 'number');
        this.size(member, value, value, rule, 'value');
        return;
      case 'timestamp':
        // Epoch seconds; the events API also takes numeric and ISO-8601 strings (SPEC §1.3, lenient).
        if (typeof value === 'number') return;
        if (
          this.isLenientTime &&
          typeof value === 'string' &&
          (Number.isFinite(Number(value)) || !Number.isNaN(Date.parse(value)))
        )
          return;
        throw wrongType(member, 'timestamp');
      case 'boolean':
        if (typeof value !== 'boolean') throw wrongType(member, 'boolean');
        return;
      case 'blob':
        if (typeof value !== 'string') throw wrongType(member, 'blob');
        return;
      case 'list': {
        if (!Array.isArray(value)) throw wrongType(member, 'list');
        this.size(member, value, value.length, rule, 'length');
        value.forEach((entry: unknown, index) => {
          if (entry !== null && rule.member !== undefined)
            this.check(`${member}.${index + 1}.member`, entry, rule.member);
        });
        return;
      }
      case 'map': {
        if (!isObject(value)) throw wrongType(member, 'map');
        const entries = Object.entries(value);
        this.size(member, value, entries.length, rule, 'length');
        for (const [key, entry] of entries) {
          if (rule.key !== undefined) this.check(`${member}.${key}.key`, key, rule.key);
          if (entry !== null && rule.value !== undefined)
            this.check(`${member}.${key}.value`, entry, rule.value);
        }
        return;
      }
      case 'structure':
        if (!isObject(value)) throw wrongType(member, 'structure');
        this.structure(`${member}.`, value, rule);
        return;
    }
  }

  /** Checks the members of a structure; `prefix` is `''` at the top level, else `path.`. */
  structure(prefix: string, value: Readonly<Record<string, unknown>>, rule: ShapeRule): void {
    for (const [name, shapeName] of Object.entries(rule.members ?? {})) {
      const member = value[name];
      if (member === undefined || member === null) {
        if (rule.required?.includes(name))
          this.violations.push(
            `Value null at '${prefix}${name}' failed to satisfy constraint: Member must not be null`,
          );
        continue;
      }
      this.check(`${prefix}${name}`, member, shapeName);
    }
  }
}

/**
 * Validates the JSON body of an operation of `service` against its input shape in the model
 * (SPEC §1.4 "Validation errors", shapes of shapes.json): required members at every depth,
 * string lengths, patterns (full match) and enums, numeric ranges, list and map sizes, list
 * entries and map keys/values. Unknown members are ignored (SPEC §1.2); `null` counts as absent.
 *
 * Every violation is reported in one message, as the service does: `2 validation errors
 * detected: Value 'x' at 'name' failed to satisfy constraint: ...; Value null at
 * 'tags.1.member.tagKey' ...` (list entries 1-based, `.member`; map entries `.key`/`.value`).
 *
 * @throws ServiceError `InvalidInputException` (400) for constraint violations;
 *   `SerializationException` (400) for a member of the wrong JSON type (SPEC §1.5: the body
 *   does not deserialise into the shape), checked first.
 */
export function validateServiceInput(
  service: ModelService,
  operation: string,
  body: Readonly<Record<string, unknown>>,
): void {
  const model = MODELS[service];
  if (!Object.hasOwn(model.operations, operation)) return;
  const inputName = model.operations[operation]?.input;
  const rule = inputName !== undefined ? model.shapes[inputName] : undefined;
  if (rule === undefined) return;
  const walker = new Walker(model.shapes, service === 'personalize-events');
  walker.structure('', body, rule);
  const count = walker.violations.length;
  if (count > 0)
    throw invalidInput(
      `${count} validation error${count === 1 ? '' : 's'} detected: ${walker.violations.join('; ')}`,
    );
}

/** {@link validateServiceInput} for a control-plane operation (`AmazonPersonalize.<operation>`). */
export function validateInput(operation: string, body: Readonly<Record<string, unknown>>): void {
  validateServiceInput('personalize', operation, body);
}

/** ARN pattern of the model (SPEC §2.1), full match. */
export const ARN_PATTERN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/u;
