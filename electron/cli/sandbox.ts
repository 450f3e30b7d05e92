/**
 * `poc-studio sandbox`: the Local sandbox as a standalone server for boto3, the AWS CLI or any
 * other client, until SIGINT/SIGTERM.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startSandbox } from '../sandbox/index.js';
import type { FaultOptions } from '../sandbox/faults/faults.js';
import { MAX_SPEED, timingOf, type Timing, type TimingProfile } from '../sandbox/lifecycle.js';

const share = z.number().min(0).max(1);

/**
 * The `--faults FILE.json` document: the sandbox's `FaultOptions` (rules tried in order, the
 * first matching one applies; shares are probabilities in [0, 1]; an optional seed).
 */
const faultFileSchema = z.strictObject({
  seed: z.number().int().nonnegative().optional(),
  rules: z
    .array(
      z.strictObject({
        operation: z.string().min(1),
        throttle: share.optional(),
        serverError: share.optional(),
        drop: share.optional(),
        slow: share.optional(),
        slowMs: z.number().int().nonnegative().optional(),
      }),
    )
    .min(1),
});

/**
 * Reads and checks a fault file.
 *
 * @throws Error naming the file and each invalid field (`rules.0.throttle: …`).
 */
export async function readFaultFile(file: string): Promise<FaultOptions> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `--faults ${file}: ${error instanceof Error ? error.message : String(error)} (expected a JSON file like {"seed": 1, "rules": [{"operation": "*", "throttle": 0.2}]})`,
      { cause: error },
    );
  }
  const parsed = faultFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`--faults ${file}: ${problems}`);
  }
  return parsed.data;
}

/** Checks one `--allowed-origin` value: a web origin (`scheme://host[:port]`, nothing after). */
function checkOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `--allowed-origin ${value}: not an origin (expected e.g. http://localhost:3000)`,
    );
  }
  if (url.origin === 'null' || url.origin !== value.replace(/\/$/u, ''))
    throw new Error(
      `--allowed-origin ${value}: give the origin only (scheme, host and port), e.g. ${url.origin}`,
    );
  return url.origin;
}

/** Seconds with up to one decimal (`15 s`, `0.3 s`) or whole minutes from 2 min (`15 min`). */
function duration(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The startup line of the realistic profile: the speed and what an import, a training and a campaign take. */
function describeRealistic(speed: number, timing: Timing): string {
  const total = (key: 'datasetImportJob' | 'solutionVersion' | 'campaign'): string =>
    duration(timing.pendingMs + (timing.createInProgressMs[key] ?? timing.inProgressMs));
  return `Realistic timing at ${speed}x: an import takes ${total('datasetImportJob')}, a training ${total('solutionVersion')}, a campaign ${total('campaign')}`;
}

/**
 * Runs `poc-studio sandbox` with its arguments (after the command name); resolves with the exit
 * code once a signal stopped the server.
 *
 * Flags: `--port N` (0 = any free port), `--data-dir DIR`, `--timing fast|realistic`,
 * `--speed N` (realistic only: N times faster than AWS's durations, 1..100000, default 1),
 * `--access-key-id AKID`, `--allowed-origin ORIGIN` (repeatable: web pages of that origin may
 * call the sandbox), `--faults FILE.json` (fault injection, see {@link readFaultFile}).
 *
 * @throws Error for an invalid flag value, naming the flag and the fix.
 */
export async function sandboxCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      timing: { type: 'string', default: 'fast' },
      speed: { type: 'string' },
      'access-key-id': { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      faults: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be an integer 0..65535, got ${values.port ?? ''}`);
  if (values.timing !== 'fast' && values.timing !== 'realistic')
    throw new Error(`--timing must be fast or realistic, got ${values.timing}`);
  const timing: TimingProfile = values.timing;
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (values.speed !== undefined && timing !== 'realistic')
    throw new Error('--speed applies to --timing realistic only.');
  if (values.speed !== undefined && (!Number.isFinite(speed) || speed < 1 || speed > MAX_SPEED))
    throw new Error(`--speed must be a number from 1 to ${MAX_SPEED}, got ${values.speed}`);
  const schedule = timingOf(timing, speed);
  const accessKeyId = values['access-key-id'];
  if (accessKeyId !== undefined && !/^[A-Z0-9]{16,128}$/u.test(accessKeyId))
    throw new Error('--access-key-id must match [A-Z0-9]{16,128}.');
  const allowedOrigins = (values['allowed-origin'] ?? []).map(checkOrigin);
  const faults = values.faults === undefined ? undefined : await readFaultFile(values.faults);
  const sandbox = await startSandbox({
    port,
    timing,
    speed,
    allowedOrigins,
    ...(faults === undefined ? {} : { faults }),
    ...(values['data-dir'] === undefined ? {} : { dataDir: path.resolve(values['data-dir']) }),
    ...(accessKeyId === undefined ? {} : { accessKeyId }),
  });
  const lines = [`Local sandbox listening on ${sandbox.endpoint} (data in ${sandbox.dataDir})`];
  if (timing === 'realistic') lines.push(describeRealistic(speed, schedule));
  if (allowedOrigins.length > 0)
    lines.push(`Requests from web pages allowed for: ${allowedOrigins.join(', ')}`);
  if (faults !== undefined)
    lines.push(`Fault injection on: ${faults.rules.length} rule(s) from ${values.faults ?? ''}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sandbox.close();
  process.stdout.write('Local sandbox stopped.\n');
  return 0;
}
