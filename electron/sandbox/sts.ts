import type { SandboxRequest, SandboxResponse } from './http-types.js';
import { escapeXml } from './s3/xml.js';

/** An AWS Query protocol error (`<ErrorResponse><Error><Type>Sender</Type><Code>...`), as STS and IAM send it. */
export function queryErrorResponse(
  code: string,
  message: string,
  requestId: string,
  status = 400,
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/**
 * STS and IAM stubs (AWS Query protocol: form-encoded `Action=...`, XML answers).
 *
 * STS `GetCallerIdentity` answers with the sandbox account (`arn:aws:iam::<account>:user/sandbox`);
 * any other action gets 400 `InvalidAction` in the Query error format.
 */
export function handleQueryStub(
  service: 'sts' | 'iam',
  request: SandboxRequest,
  accountId: string,
  requestId: string,
): SandboxResponse {
  const params = new URLSearchParams(request.body.toString('utf8'));
  for (const [name, value] of request.query) params.set(name, value);
  const action = params.get('Action') ?? '';
  if (service === 'sts' && action === 'GetCallerIdentity') {
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${escapeXml(accountId)}:user/sandbox</Arn><UserId>AIDASANDBOXUSER00001</UserId><Account>${escapeXml(accountId)}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    };
  }
  return queryErrorResponse(
    'InvalidAction',
    `The action ${action || '(none)'} is not supported by the sandbox ${service.toUpperCase()} stub.`,
    requestId,
  );
}
