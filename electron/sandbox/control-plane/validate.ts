import { ServiceError, invalidInput } from '../errors.js';
import { OPERATION_INPUTS, type MemberRule } from './op-model.js';

const regexCache = new Map<string, RegExp>();

/** Full-match regex of a model pattern (AWS matches the whole value, Java `matches()`). */
function fullMatch(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
    regexCache.set(pattern, regex);
  }
  return regex;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function constraint(member: string, value: unknown, rule: string): ServiceError {
  return invalidInput(
    `1 validation error detected: Value '${describeValue(value)}' at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

function wrongType(member: string, expected: string): ServiceError {
  return new ServiceError('SerializationException', `Member '${member}' must be of type ${expected}.`);
}

function checkMember(member: string, value: unknown, rule: MemberRule): void {
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') throw wrongType(member, 'string');
      if (rule.min !== undefined && value.length < rule.min) throw constraint(member, value, `Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value.length > rule.max) throw constraint(member, value, `Member must have length less than or equal to ${rule.max}`);
      if (rule.enum && !rule.enum.includes(value)) throw constraint(member, value, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
      if (rule.pattern !== undefined && !fullMatch(rule.pattern).test(value)) throw constraint(member, value, `Member must satisfy regular expression pattern: ${rule.pattern}`);
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(member, 'integer');
      if (rule.min !== undefined && value < rule.min) throw constraint(member, value, `Member must have value greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) throw constraint(member, value, `Member must have value less than or equal to ${rule.max}`);
      return;
    }
    case 'double':
    case 'timestamp':
      if (typeof value !== 'number') throw wrongType(member, 'number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(member, 'boolean');
      return;
    case 'list': {
      if (!Array.isArray(value)) throw wrongType(member, 'list');
      if (rule.max !== undefined && value.length > rule.max) throw constraint(member, '[...]', `Member must have length less than or equal to ${rule.max}`);
      return;
    }
    case 'structure':
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrongType(member, 'object');
      if (rule.type === 'map' && rule.max !== undefined && Object.keys(value).length > rule.max) throw constraint(member, '{...}', `Member must have length less than or equal to ${rule.max}`);
      return;
    }
  }
}

/**
 * Validates a control-plane request body against the operation's input rules.
 *
 * Unknown members are ignored (SPEC §1.2); `null` counts as absent.
 *
 * @throws ServiceError `InvalidInputException` for a missing required member or a constraint
 *   violation (length, pattern, enum, range); `SerializationException` for a member of the
 *   wrong JSON type (SPEC §1.5).
 */
export function validateInput(operation: string, body: Readonly<Record<string, unknown>>): void {
  const rules = OPERATION_INPUTS[operation];
  if (!rules) return;
  for (const [member, rule] of Object.entries(rules)) {
    const value = body[member];
    if (value === undefined || value === null) {
      if (rule.required) throw constraint(member, 'null', 'Member must not be null');
      continue;
    }
    checkMember(member, value, rule);
  }
}

/** ARN pattern of the model (SPEC §2.1), full match. */
export const ARN_PATTERN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/u;
