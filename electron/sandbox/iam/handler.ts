import type { SandboxRequest, SandboxResponse } from '../http-types.js';
import { escapeXml, isoTime } from '../s3/xml.js';
import { IamError, RoleStore, type IamRole, type IamTag } from './roles.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** The Query protocol's error document, with IAM's namespace. */
function errorResponse(error: IamError, requestId: string): SandboxResponse {
  return {
    status: error.httpStatus,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

function okResponse(
  action: string,
  result: string | undefined,
  requestId: string,
): SandboxResponse {
  const body = result === undefined ? '' : `<${action}Result>${result}</${action}Result>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<${action}Response xmlns="${IAM_NS}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/**
 * A policy document as IAM returns it: URL-encoded (RFC 3986). The JavaScript SDK hands it to
 * the caller still encoded (`decodeURIComponent` it); boto3 decodes it.
 */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document).replace(
    /[!'()*]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function tagsXml(tags: readonly IamTag[]): string {
  return tags
    .map(
      (tag) =>
        `<member><Key>${escapeXml(tag.key)}</Key><Value>${escapeXml(tag.value)}</Value></member>`,
    )
    .join('');
}

function roleXml(role: IamRole): string {
  const description =
    role.description === undefined
      ? ''
      : `<Description>${escapeXml(role.description)}</Description>`;
  const tags = role.tags.length === 0 ? '' : `<Tags>${tagsXml(role.tags)}</Tags>`;
  return (
    `<Role><Path>${escapeXml(role.path)}</Path><RoleName>${escapeXml(role.roleName)}</RoleName><RoleId>${role.roleId}</RoleId><Arn>${escapeXml(role.arn)}</Arn>` +
    `<CreateDate>${isoTime(role.createdAtMs)}</CreateDate><AssumeRolePolicyDocument>${encodePolicyDocument(role.assumeRolePolicyDocument)}</AssumeRolePolicyDocument>` +
    `${description}<MaxSessionDuration>${role.maxSessionDuration}</MaxSessionDuration>${tags}<RoleLastUsed/></Role>`
  );
}

/** Form parameters of a Query request (body, then query string). */
class Params {
  constructor(private readonly values: URLSearchParams) {}

  optional(name: string): string | undefined {
    return this.values.get(name) ?? undefined;
  }

  /** @throws IamError `ValidationError` (400) when missing. */
  required(name: string): string {
    const value = this.values.get(name);
    if (value === null) {
      const member = name.charAt(0).toLowerCase() + name.slice(1);
      throw new IamError(
        'ValidationError',
        `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
        400,
      );
    }
    return value;
  }

  /** `Name.member.1`, `Name.member.2`, ... in order. */
  members(name: string): string[] {
    const out: string[] = [];
    for (let index = 1; this.values.has(`${name}.member.${index}`); index++)
      out.push(this.values.get(`${name}.member.${index}`) ?? '');
    return out;
  }

  /** `Tags.member.N.Key` / `.Value` pairs. */
  tags(name: string): IamTag[] {
    const out: IamTag[] = [];
    for (let index = 1; this.values.has(`${name}.member.${index}.Key`); index++) {
      out.push({
        key: this.values.get(`${name}.member.${index}.Key`) ?? '',
        value: this.values.get(`${name}.member.${index}.Value`) ?? '',
      });
    }
    return out;
  }
}

/**
 * One page of a list by IAM's `Marker` / `MaxItems` (1..1000, default 100): `<wrapper>` with
 * the entries, then `IsTruncated` and `Marker` (the index of the next entry).
 *
 * @throws IamError `ValidationError` (400) for a bad MaxItems, `InvalidInput` for a foreign Marker.
 */
function page<T>(
  wrapper: string,
  entries: readonly T[],
  params: Params,
  render: (entry: T) => string,
): string {
  const maxItems = Number(params.optional('MaxItems') ?? '100');
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new IamError(
      'ValidationError',
      `1 validation error detected: Value '${params.optional('MaxItems') ?? ''}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
      400,
    );
  }
  const marker = params.optional('Marker');
  const start = marker === undefined ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0 || start > entries.length)
    throw new IamError('InvalidInput', 'Invalid Marker.', 400);
  const chosen = entries.slice(start, start + maxItems);
  const next = start + chosen.length;
  const truncated = next < entries.length;
  return `<${wrapper}>${chosen.map(render).join('')}</${wrapper}><IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${next}</Marker>` : ''}`;
}

/**
 * The sandbox's IAM (AWS Query protocol: form-encoded `Action=...&Version=2010-05-08`, XML
 * answers in IAM's namespace), for roles: CreateRole, GetRole, DeleteRole, ListRoles,
 * UpdateAssumeRolePolicy, TagRole, UntagRole, ListRoleTags, PutRolePolicy, GetRolePolicy,
 * DeleteRolePolicy, ListRolePolicies, AttachRolePolicy, DetachRolePolicy,
 * ListAttachedRolePolicies. IAM is global: the SDK signs for `us-east-1`, service `iam`.
 * Other actions answer 400 `InvalidAction`. Errors as IAM sends them: `NoSuchEntity` 404,
 * `EntityAlreadyExists` / `DeleteConflict` / `LimitExceeded` 409, `MalformedPolicyDocument`,
 * `ValidationError`, `InvalidInput` 400.
 */
export class IamHandler {
  /** Serves the roles of `roles`. */
  constructor(private readonly roles: RoleStore) {}

  /** Answers one IAM request; never throws an {@link IamError} (they become error documents). */
  async handle(request: SandboxRequest, requestId: string): Promise<SandboxResponse> {
    const values = new URLSearchParams(request.body.toString('utf8'));
    for (const [name, value] of request.query) values.set(name, value);
    const action = values.get('Action') ?? '';
    try {
      const result = await this.run(action, new Params(values));
      return okResponse(action, result, requestId);
    } catch (error) {
      if (error instanceof IamError) return errorResponse(error, requestId);
      throw error;
    }
  }

  private async run(action: string, params: Params): Promise<string | undefined> {
    const roles = this.roles;
    switch (action) {
      case 'CreateRole': {
        const maxSessionDuration = params.optional('MaxSessionDuration');
        const path = params.optional('Path');
        const description = params.optional('Description');
        const role = await roles.create({
          roleName: params.required('RoleName'),
          assumeRolePolicyDocument: params.required('AssumeRolePolicyDocument'),
          ...(path === undefined ? {} : { path }),
          ...(description === undefined ? {} : { description }),
          ...(maxSessionDuration === undefined
            ? {}
            : { maxSessionDuration: Number(maxSessionDuration) }),
          tags: params.tags('Tags'),
        });
        return roleXml(role);
      }
      case 'GetRole':
        return roleXml(roles.get(params.required('RoleName')));
      case 'DeleteRole':
        await roles.delete(params.required('RoleName'));
        return undefined;
      case 'ListRoles': {
        const prefix = params.optional('PathPrefix') ?? '/';
        const listed = roles.list().filter((role) => role.path.startsWith(prefix));
        return page('Roles', listed, params, (role) =>
          roleXml(role)
            .replace(/^<Role>/u, '<member>')
            .replace(/<\/Role>$/u, '</member>'),
        );
      }
      case 'UpdateAssumeRolePolicy':
        await roles.updateAssumeRolePolicy(
          params.required('RoleName'),
          params.required('PolicyDocument'),
        );
        return undefined;
      case 'TagRole':
        await roles.tag(params.required('RoleName'), params.tags('Tags'));
        return undefined;
      case 'UntagRole':
        await roles.untag(params.required('RoleName'), params.members('TagKeys'));
        return undefined;
      case 'ListRoleTags':
        return page('Tags', roles.get(params.required('RoleName')).tags, params, (tag) =>
          tagsXml([tag]),
        );
      case 'PutRolePolicy':
        await roles.putInlinePolicy(
          params.required('RoleName'),
          params.required('PolicyName'),
          params.required('PolicyDocument'),
        );
        return undefined;
      case 'GetRolePolicy': {
        const roleName = params.required('RoleName');
        const policyName = params.required('PolicyName');
        const document = roles.inlinePolicy(roleName, policyName);
        const role = roles.get(roleName);
        return `<RoleName>${escapeXml(role.roleName)}</RoleName><PolicyName>${escapeXml(policyName)}</PolicyName><PolicyDocument>${encodePolicyDocument(document)}</PolicyDocument>`;
      }
      case 'DeleteRolePolicy':
        await roles.deleteInlinePolicy(params.required('RoleName'), params.required('PolicyName'));
        return undefined;
      case 'ListRolePolicies': {
        const names = Object.keys(roles.get(params.required('RoleName')).inlinePolicies).sort();
        return page('PolicyNames', names, params, (name) => `<member>${escapeXml(name)}</member>`);
      }
      case 'AttachRolePolicy':
        await roles.attach(params.required('RoleName'), params.required('PolicyArn'));
        return undefined;
      case 'DetachRolePolicy':
        await roles.detach(params.required('RoleName'), params.required('PolicyArn'));
        return undefined;
      case 'ListAttachedRolePolicies': {
        const attached = roles.get(params.required('RoleName')).attachedPolicies;
        const render = (policy: { policyName: string; policyArn: string }): string =>
          `<member><PolicyName>${escapeXml(policy.policyName)}</PolicyName><PolicyArn>${escapeXml(policy.policyArn)}</PolicyArn></member>`;
        return page('AttachedPolicies', attached, params, render);
      }
      default:
        throw new IamError(
          'InvalidAction',
          `The action ${action || '(none)'} is not supported by the sandbox IAM.`,
          400,
        );
    }
  }
}
