import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './test-support.js';

let root = '';
let env: NodeJS.ProcessEnv = {};

function run(args: string[]): Promise<CliRun> {
  return runCli(['profiles', ...args], env);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cli-profiles-'));
  const config = path.join(root, 'config');
  const credentials = path.join(root, 'credentials');
  await writeFile(
    config,
    [
      '[profile static]',
      'region = eu-west-1',
      'endpoint_url = http://127.0.0.1:4566',
      '[profile admin]',
      'role_arn = arn:aws:iam::210987654321:role/PocAdmin',
      'source_profile = static',
      'mfa_serial = arn:aws:iam::123456789012:mfa/consultant',
      '[profile tool]',
      'credential_process = /usr/local/bin/creds --json',
      '[profile acme]',
      'sso_session = acme',
      'sso_account_id = 123456789012',
      'sso_role_name = PersonalizePoc',
      'region = us-east-1',
      '[sso-session acme]',
      'sso_start_url = https://acme.awsapps.com/start',
      'sso_region = us-east-1',
      '',
    ].join('\n'),
  );
  await writeFile(
    credentials,
    '[static]\naws_access_key_id = AKIAPROFILESCLI00001\naws_secret_access_key = profilesCliSecretNeverPrinted\n',
  );
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
  );
  env = {
    ...inherited,
    HOME: root,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
  };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('poc-studio profiles', () => {
  it('lists every profile with kind, region, SSO session and endpoint, never a secret or a command', async () => {
    const table = await run([]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /^static\s+static\s+eu-west-1\s+-\s+http:\/\/127\.0\.0\.1:4566$/mu,
    );
    expect(table.stdout).toMatch(/^acme\s+ssoSession\s+us-east-1\s+acme\s+-$/mu);
    const json = await run(['--json']);
    expect(JSON.parse(json.stdout)).toEqual(
      expect.arrayContaining([
        { name: 'static', kind: 'static', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' },
        { name: 'admin', kind: 'assumeRole' },
        { name: 'tool', kind: 'credentialProcess' },
        { name: 'acme', kind: 'ssoSession', region: 'us-east-1', ssoSession: 'acme' },
      ]),
    );
    for (const output of [table.stdout, json.stdout]) {
      expect(output).not.toContain('profilesCliSecretNeverPrinted');
      expect(output).not.toContain('/usr/local/bin/creds');
    }
  });
});
