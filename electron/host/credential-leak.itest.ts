import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/ipc/envelope.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { BIN, ROOT } from '../cli/test-support.js';
import { startStudioBrowserHost, type StudioBrowserHost } from './main.js';

/** The fixture's secrets: none may appear in anything the studio answers, pushes, logs or reports. */
const ACCESS_KEY_ID = 'AKIALEAKCHECK0000001';
const SECRET_ACCESS_KEY = 'LeakCheckSecretKey/0123456789+abcdefghijklmn';
const SESSION_TOKEN = 'LeakCheckSessionToken0123456789abcdefghijklmnopqrstuvwxyzSECRET';

/**
 * A full POC run on an AWS-profile workspace (pointed at a standalone sandbox through
 * `endpoint_url`), recorded at every way out of the main process: each browser-host response, the
 * event stream, every log line and the demo's report and output — then scanned for the
 * profile's secret key and session token and for the SSO access token of a signed-in profile
 * (issue 5, item 9; SECURITY.md §5).
 */
describe('credentials stay in the main process', () => {
  let root = '';
  let sandbox: RunningSandbox;
  let host: StudioBrowserHost;
  let env: NodeJS.ProcessEnv;
  const recorded: string[] = [];
  const logLines: string[] = [];
  let stopEvents: () => void = () => undefined;
  let savedEnv: NodeJS.ProcessEnv = {};

  async function call<T>(channel: string, input: unknown): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${host.port}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const text = await response.text();
    recorded.push(text);
    const envelope = JSON.parse(text) as Envelope<T>;
    if (!envelope.ok)
      throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  }

  async function runJob(channel: string, input: Record<string, unknown>): Promise<void> {
    const { jobId } = await call<{ jobId: string }>(channel, input);
    for (;;) {
      const jobs = await call<{ id: string; state: string; error?: { message: string } }[]>(
        'jobs.list',
        {},
      );
      const job = jobs.find((candidate) => candidate.id === jobId);
      if (job?.state === 'succeeded') return;
      if (job?.state === 'failed' || job?.state === 'cancelled')
        throw new Error(`${channel} ${job.state}: ${job.error?.message ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'studio-leak-'));
    sandbox = await startSandbox({ port: 0, dataDir: path.join(root, 'customer-account') });
    const home = path.join(root, 'home');
    await mkdir(path.join(home, '.aws'), { recursive: true });
    const config = path.join(home, '.aws', 'config');
    const credentials = path.join(home, '.aws', 'credentials');
    await writeFile(
      config,
      [
        '[profile customer]',
        'region = us-east-1',
        `endpoint_url = ${sandbox.endpoint}`,
        '',
        '[profile customer-sso]',
        'sso_session = customer',
        'sso_account_id = 123456789012',
        'sso_role_name = PersonalizePoc',
        'region = us-east-1',
        `endpoint_url = ${sandbox.endpoint}`,
        '',
        '[sso-session customer]',
        `sso_start_url = ${sandbox.endpoint}/start`,
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    await writeFile(
      credentials,
      [
        '[customer]',
        `aws_access_key_id = ${ACCESS_KEY_ID}`,
        `aws_secret_access_key = ${SECRET_ACCESS_KEY}`,
        `aws_session_token = ${SESSION_TOKEN}`,
        '',
      ].join('\n'),
    );
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
    );
    env = {
      ...inherited,
      HOME: home,
      USERPROFILE: home,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    // The SDK's inner SSO path reads the file locations and the token cache from process.env: as a host process started with `env` would.
    savedEnv = { ...process.env };
    for (const name of Object.keys(process.env))
      if (name.startsWith('AWS_')) Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, {
      HOME: home,
      USERPROFILE: home,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const rendererDir = path.join(root, 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
    host = await startStudioBrowserHost({
      userDataDir: path.join(root, 'data'),
      rendererDir,
      sandboxTiming: 'fast',
      env,
      log: (message, fields) => logLines.push(`${message} ${JSON.stringify(fields)}`),
    });
    const controller = new AbortController();
    const events = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`, {
      signal: controller.signal,
    });
    const reader = events.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const chunk = await reader?.read().catch(() => undefined);
        if (chunk === undefined || chunk.done) return;
        recorded.push(decoder.decode(chunk.value));
      }
    })();
    stopEvents = () => controller.abort();
  }, 60_000);

  afterAll(async () => {
    stopEvents();
    await host.close();
    await sandbox.close();
    await rm(root, { recursive: true, force: true });
    for (const name of Object.keys(process.env))
      if (!(name in savedEnv)) Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, savedEnv);
  });

  it('runs the whole POC on the profile and signs in with SSO without a secret leaving the main process', async () => {
    const sample = await call<{ interactions: string; items: string }>('data.sample', {});
    const workspace = await call<{ id: string }>('workspaces.create', {
      name: 'Leak check',
      target: { kind: 'aws', profile: 'customer', region: 'us-east-1' },
    });
    const workspaceId = workspace.id;
    const identity = await call<{ state: string; accountId?: string; endpointUrl?: string }>(
      'accounts.identity',
      { workspaceId },
    );
    expect(identity).toMatchObject({ state: 'ok', accountId: '123456789012' });
    await call('accounts.profiles', {});
    await runJob('setup.apply', { workspaceId });
    await call('setup.check', { workspaceId });
    await call('guide.setFiles', {
      workspaceId,
      interactions: sample.interactions,
      items: sample.items,
    });
    await runJob('datasets.import', { workspaceId });
    await runJob('solutions.train', {
      workspaceId,
      recipes: ['aws-user-personalization', 'aws-popularity-count'],
    });
    await runJob('campaigns.deploy', {
      workspaceId,
      recipe: 'aws-user-personalization',
      minProvisionedTPS: 1,
    });
    const shortcuts = await call<{ heavy: { userId: string }[] }>('recommendations.userShortcuts', {
      workspaceId,
    });
    const recommended = await call<{ items: unknown[] }>('recommendations.recommend', {
      workspaceId,
      userId: shortcuts.heavy[0]?.userId ?? '17841',
      numResults: 10,
    });
    expect(recommended.items).toHaveLength(10);
    await call('guide.get', { workspaceId });
    await call('inventory.list', { workspaceId });
    await runJob('inventory.teardown', { workspaceId });
    // The POC ran in the customer's account (the standalone sandbox), not in the embedded one.
    expect(await call<unknown[]>('inventory.list', { workspaceId })).toEqual([]);

    // SSO: a device sign-in approved on the portal; its token lands in the CLI cache only.
    const ssoWorkspace = await call<{ id: string }>('workspaces.create', {
      name: 'Leak check SSO',
      target: { kind: 'aws', profile: 'customer-sso', region: 'us-east-1' },
    });
    const signIn = await call<{ userCode: string; verificationUriComplete: string }>(
      'accounts.signIn',
      { workspaceId: ssoWorkspace.id },
    );
    expect(sandbox.approveDeviceAuthorization(signIn.userCode)).toBe(true);
    let ssoIdentity = { state: 'pending' } as { state: string; arn?: string };
    for (let attempt = 0; attempt < 100 && ssoIdentity.state !== 'ok'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ssoIdentity = await call('accounts.identity', { workspaceId: ssoWorkspace.id });
    }
    expect(ssoIdentity.state).toBe('ok');
    expect(ssoIdentity.arn).toContain(':assumed-role/AWSReservedSSO_PersonalizePoc_');
    const cacheDir = path.join(env.HOME ?? '', '.aws', 'sso', 'cache');
    const cached = await readdir(cacheDir);
    expect(cached).toHaveLength(1);
    const token = JSON.parse(await readFile(path.join(cacheDir, cached[0] ?? ''), 'utf8')) as {
      accessToken: string;
      refreshToken?: string;
    };
    expect(token.accessToken.length).toBeGreaterThan(20);

    // The demo on the same profile: its output and report.
    const report = path.join(root, 'report.json');
    const demo = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [BIN, 'demo', '--profile', 'customer', '--region', 'us-east-1', '--report', report],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
    expect(demo.code, demo.output).toBe(0);
    recorded.push(demo.output, await readFile(report, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const everything = [...recorded, ...logLines].join('\n');
    expect(everything.length).toBeGreaterThan(10_000);
    expect(logLines.some((line) => line.startsWith('job succeeded'))).toBe(true);
    for (const secret of [
      SECRET_ACCESS_KEY,
      SESSION_TOKEN,
      token.accessToken,
      ...(token.refreshToken === undefined ? [] : [token.refreshToken]),
    ]) {
      expect(
        everything.includes(secret),
        `a secret (${secret.slice(0, 6)}…) left the main process`,
      ).toBe(false);
    }
  }, 240_000);
});
