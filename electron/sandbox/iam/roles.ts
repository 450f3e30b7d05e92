import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file.js';

/** An IAM error as the Query protocol sends it: wire code, message, HTTP status. */
export class IamError extends Error {
  /** Builds an error with its IAM code (`NoSuchEntity`, ...) and HTTP status. */
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
    this.name = code;
  }
}

/** One IAM tag. */
export interface IamTag {
  readonly key: string;
  readonly value: string;
}

/** A managed policy attached to a role. */
export interface AttachedPolicy {
  readonly policyName: string;
  readonly policyArn: string;
}

/**
 * A stored role. Policy documents are kept exactly as sent (IAM returns them URL-encoded);
 * `createdAtMs` in epoch ms; `maxSessionDuration` in seconds.
 */
export interface IamRole {
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly path: string;
  readonly createdAtMs: number;
  assumeRolePolicyDocument: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  tags: IamTag[];
  readonly inlinePolicies: Record<string, string>;
  attachedPolicies: AttachedPolicy[];
}

const tagSchema = z.object({ key: z.string(), value: z.string() });
const rolesFileSchema = z.object({
  version: z.literal(1),
  roles: z.array(
    z.object({
      roleName: z.string(),
      roleId: z.string(),
      arn: z.string(),
      path: z.string(),
      createdAtMs: z.number(),
      assumeRolePolicyDocument: z.string(),
      description: z.string().optional(),
      maxSessionDuration: z.number(),
      tags: z.array(tagSchema),
      inlinePolicies: z.record(z.string(), z.string()),
      attachedPolicies: z.array(z.object({ policyName: z.string(), policyArn: z.string() })),
    }),
  ),
});

/** IAM name rules (IAM API reference, CreateRole / PutRolePolicy). */
const NAME_PATTERN = /^[\w+=,.@-]+$/u;
const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/u;
const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const MANAGED_POLICY_ARN =
  /^arn:aws:iam::(aws|\d{12}):policy\/(?:[\u0021-\u007E]+\/)?([\w+=,.@-]+)$/u;
/** Quotas (IAM User Guide, "IAM and AWS STS quotas"). */
const MAX_TAGS = 50;
const MAX_ATTACHED = 10;

function validationError(value: string, member: string, constraint: string): IamError {
  return new IamError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

function noSuchRole(roleName: string): IamError {
  return new IamError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
}

/** Checks a role or policy name: 1..`max` characters of `[\w+=,.@-]`. @throws IamError `ValidationError` (400). */
export function validateName(value: string, member: string, max: number): void {
  if (value.length < 1)
    throw validationError(value, member, 'Member must have length greater than or equal to 1');
  if (value.length > max)
    throw validationError(value, member, `Member must have length less than or equal to ${max}`);
  if (!NAME_PATTERN.test(value))
    throw validationError(
      value,
      member,
      'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    );
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/**
 * Checks a policy document as IAM does: JSON (`This policy contains invalid Json`), an object
 * with `Statement`, each statement with `Effect`; a trust policy needs a `Principal`, a
 * permissions policy must not have one.
 *
 * @throws IamError `MalformedPolicyDocument` (400).
 */
export function validatePolicyDocument(text: string, kind: 'trust' | 'permissions'): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IamError('MalformedPolicyDocument', 'This policy contains invalid Json', 400);
  }
  const statements =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? asList((parsed as Record<string, unknown>).Statement)
      : [];
  if (statements.length === 0)
    throw new IamError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  for (const entry of statements) {
    const statement =
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
      throw new IamError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
    const hasPrincipal = statement.Principal !== undefined || statement.NotPrincipal !== undefined;
    if (kind === 'trust' && !hasPrincipal)
      throw new IamError(
        'MalformedPolicyDocument',
        'AssumeRolepolicy contained an invalid principal: Missing required field Principal',
        400,
      );
    if (kind === 'permissions' && hasPrincipal)
      throw new IamError(
        'MalformedPolicyDocument',
        'Policy document should not specify a principal.',
        400,
      );
  }
}

function validateTags(tags: readonly IamTag[]): void {
  const keys = new Set<string>();
  for (const tag of tags) {
    if (tag.key.length < 1 || tag.key.length > 128 || !TAG_KEY_PATTERN.test(tag.key)) {
      throw validationError(
        tag.key,
        'tags.member.key',
        'Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
      );
    }
    if (tag.value.length > 256)
      throw validationError(
        tag.value,
        'tags.member.value',
        'Member must have length less than or equal to 256',
      );
    if (tag.key.toLowerCase().startsWith('aws:'))
      throw new IamError(
        'InvalidInput',
        'User is not authorized to perform the tag operation on tag keys with the prefix aws:.',
        400,
      );
    if (keys.has(tag.key))
      throw new IamError(
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
        400,
      );
    keys.add(tag.key);
  }
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A role id as IAM makes them: `AROA` + 17 characters of `[A-Z2-7]`. */
function newRoleId(): string {
  let id = 'AROA';
  for (let index = 0; index < 17; index++) id += ID_ALPHABET.charAt(randomInt(ID_ALPHABET.length));
  return id;
}

/** What CreateRole takes (names as in the IAM API). */
export interface CreateRoleInput {
  readonly roleName: string;
  readonly assumeRolePolicyDocument: string;
  readonly path?: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly tags?: readonly IamTag[];
}

function isEnoent(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * The sandbox's IAM roles with their inline and attached policies and tags, by the rules of
 * the IAM API reference (names, quotas, DeleteConflict).
 *
 * Persists to `<dataDir>/iam/roles.json` (atomic writes, serialised, newest state wins), so a
 * restarted sandbox keeps its roles. Role names are unique case-insensitively, as in IAM.
 */
export class RoleStore {
  private readonly roles = new Map<string, IamRole>();
  private readonly file: string;
  private writeChain: Promise<void> = Promise.resolve();

  /** A store for `accountId` under `dataDir` (call {@link load} first). */
  constructor(
    dataDir: string,
    private readonly accountId: string,
  ) {
    this.file = path.join(dataDir, 'iam', 'roles.json');
  }

  /** Reads `iam/roles.json` if present. @throws Error when the file is corrupt. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (isEnoent(error)) return;
      throw error;
    }
    for (const role of rolesFileSchema.parse(JSON.parse(text)).roles)
      this.roles.set(role.roleName.toLowerCase(), role);
  }

  /** The role named `roleName`. @throws IamError `NoSuchEntity` (404). */
  get(roleName: string): IamRole {
    const role = this.roles.get(roleName.toLowerCase());
    if (!role) throw noSuchRole(roleName);
    return role;
  }

  /** Every role, by name. */
  list(): IamRole[] {
    return [...this.roles.values()].sort((a, b) => (a.roleName < b.roleName ? -1 : 1));
  }

  /**
   * CreateRole: ARN `arn:aws:iam::<account>:role<path><name>`, MaxSessionDuration 3600 s by default.
   *
   * @throws IamError `EntityAlreadyExists` (409), `ValidationError` (400; name, path, description,
   *   MaxSessionDuration 3600..43200), `MalformedPolicyDocument` (400), `LimitExceeded` (409; > 50 tags),
   *   `InvalidInput` (400; duplicate or `aws:` tag keys).
   */
  async create(input: CreateRoleInput): Promise<IamRole> {
    validateName(input.roleName, 'roleName', 64);
    const rolePath = input.path ?? '/';
    if (rolePath.length > 512 || !PATH_PATTERN.test(rolePath)) {
      throw validationError(
        rolePath,
        'path',
        'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
      );
    }
    if (input.description !== undefined && input.description.length > 1000) {
      throw validationError(
        input.description,
        'description',
        'Member must have length less than or equal to 1000',
      );
    }
    const maxSessionDuration = input.maxSessionDuration ?? 3600;
    if (
      !Number.isInteger(maxSessionDuration) ||
      maxSessionDuration < 3600 ||
      maxSessionDuration > 43_200
    ) {
      throw validationError(
        String(maxSessionDuration),
        'maxSessionDuration',
        'Member must have value between 3600 and 43200',
      );
    }
    validatePolicyDocument(input.assumeRolePolicyDocument, 'trust');
    const tags = [...(input.tags ?? [])];
    validateTags(tags);
    if (tags.length > MAX_TAGS)
      throw new IamError('LimitExceeded', `Cannot exceed quota for TagsPerRole: ${MAX_TAGS}`, 409);
    if (this.roles.has(input.roleName.toLowerCase()))
      throw new IamError(
        'EntityAlreadyExists',
        `Role with name ${input.roleName} already exists.`,
        409,
      );
    const role: IamRole = {
      roleName: input.roleName,
      roleId: newRoleId(),
      arn: `arn:aws:iam::${this.accountId}:role${rolePath}${input.roleName}`,
      path: rolePath,
      createdAtMs: Date.now(),
      assumeRolePolicyDocument: input.assumeRolePolicyDocument,
      ...(input.description === undefined ? {} : { description: input.description }),
      maxSessionDuration,
      tags,
      inlinePolicies: {},
      attachedPolicies: [],
    };
    this.roles.set(role.roleName.toLowerCase(), role);
    await this.persist();
    return role;
  }

  /**
   * DeleteRole.
   *
   * @throws IamError `NoSuchEntity` (404), `DeleteConflict` (409) while inline policies remain
   *   ("must delete policies first") or managed policies are attached ("must detach all policies first").
   */
  async delete(roleName: string): Promise<void> {
    const role = this.get(roleName);
    if (Object.keys(role.inlinePolicies).length > 0)
      throw new IamError(
        'DeleteConflict',
        'Cannot delete entity, must delete policies first.',
        409,
      );
    if (role.attachedPolicies.length > 0)
      throw new IamError(
        'DeleteConflict',
        'Cannot delete entity, must detach all policies first.',
        409,
      );
    this.roles.delete(roleName.toLowerCase());
    await this.persist();
  }

  /** UpdateAssumeRolePolicy. @throws IamError `NoSuchEntity` (404), `MalformedPolicyDocument` (400). */
  async updateAssumeRolePolicy(roleName: string, document: string): Promise<void> {
    const role = this.get(roleName);
    validatePolicyDocument(document, 'trust');
    role.assumeRolePolicyDocument = document;
    await this.persist();
  }

  /**
   * TagRole: adds tags, replacing the value of existing keys.
   *
   * @throws IamError `NoSuchEntity` (404), `InvalidInput`, `ValidationError` (400), `LimitExceeded` (409; > 50 tags in all).
   */
  async tag(roleName: string, tags: readonly IamTag[]): Promise<void> {
    const role = this.get(roleName);
    validateTags(tags);
    const merged = new Map(role.tags.map((tag) => [tag.key, tag]));
    for (const tag of tags) merged.set(tag.key, tag);
    if (merged.size > MAX_TAGS)
      throw new IamError('LimitExceeded', `Cannot exceed quota for TagsPerRole: ${MAX_TAGS}`, 409);
    role.tags = [...merged.values()];
    await this.persist();
  }

  /** UntagRole: removes the keys (absent keys are fine, as in IAM). @throws IamError `NoSuchEntity` (404). */
  async untag(roleName: string, keys: readonly string[]): Promise<void> {
    const role = this.get(roleName);
    role.tags = role.tags.filter((tag) => !keys.includes(tag.key));
    await this.persist();
  }

  /**
   * PutRolePolicy: adds or replaces an inline policy.
   *
   * @throws IamError `NoSuchEntity` (404), `ValidationError` (400; name 1..128), `MalformedPolicyDocument` (400).
   */
  async putInlinePolicy(roleName: string, policyName: string, document: string): Promise<void> {
    const role = this.get(roleName);
    validateName(policyName, 'policyName', 128);
    validatePolicyDocument(document, 'permissions');
    role.inlinePolicies[policyName] = document;
    await this.persist();
  }

  /** The document of an inline policy. @throws IamError `NoSuchEntity` (404; role or policy). */
  inlinePolicy(roleName: string, policyName: string): string {
    const document = this.get(roleName).inlinePolicies[policyName];
    if (document === undefined)
      throw new IamError(
        'NoSuchEntity',
        `The role policy with name ${policyName} cannot be found.`,
        404,
      );
    return document;
  }

  /** DeleteRolePolicy. @throws IamError `NoSuchEntity` (404; role or policy). */
  async deleteInlinePolicy(roleName: string, policyName: string): Promise<void> {
    this.inlinePolicy(roleName, policyName);
    Reflect.deleteProperty(this.get(roleName).inlinePolicies, policyName);
    await this.persist();
  }

  /**
   * AttachRolePolicy with a managed policy ARN. AWS managed policies
   * (`arn:aws:iam::aws:policy/...`) are taken as existing; customer managed ones do not exist
   * in the sandbox (it has no CreatePolicy). Attaching twice is a no-op, as in IAM.
   *
   * @throws IamError `NoSuchEntity` (404; role, or a customer managed policy), `InvalidInput`
   *   (400; not a policy ARN), `LimitExceeded` (409; more than 10 attached).
   */
  async attach(roleName: string, policyArn: string): Promise<void> {
    const role = this.get(roleName);
    const match = MANAGED_POLICY_ARN.exec(policyArn);
    if (!match) throw new IamError('InvalidInput', `ARN ${policyArn} is not valid.`, 400);
    if (match[1] !== 'aws')
      throw new IamError(
        'NoSuchEntity',
        `Policy ${policyArn} does not exist or is not attachable.`,
        404,
      );
    if (role.attachedPolicies.some((policy) => policy.policyArn === policyArn)) return;
    if (role.attachedPolicies.length >= MAX_ATTACHED)
      throw new IamError(
        'LimitExceeded',
        `Cannot exceed quota for PoliciesPerRole: ${MAX_ATTACHED}`,
        409,
      );
    role.attachedPolicies = [
      ...role.attachedPolicies,
      { policyName: match[2] ?? policyArn, policyArn },
    ];
    await this.persist();
  }

  /** DetachRolePolicy. @throws IamError `NoSuchEntity` (404; role, or the policy is not attached). */
  async detach(roleName: string, policyArn: string): Promise<void> {
    const role = this.get(roleName);
    if (!role.attachedPolicies.some((policy) => policy.policyArn === policyArn)) {
      throw new IamError('NoSuchEntity', `Policy ${policyArn} was not found.`, 404);
    }
    role.attachedPolicies = role.attachedPolicies.filter(
      (policy) => policy.policyArn !== policyArn,
    );
    await this.persist();
  }

  private persist(): Promise<void> {
    const next = this.writeChain.then(async () => {
      await writeFileAtomic(this.file, JSON.stringify({ version: 1, roles: this.list() }));
    });
    this.writeChain = next.catch((error: unknown) =>
      console.error('sandbox: IAM roles write failed', error),
    );
    return next;
  }
}
