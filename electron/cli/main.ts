/**
 * `poc-studio` command line (ARCHITECTURE.md, Hosts): `demo`, `sandbox`, `validate FILE`, `profiles`, `setup`,
 * `inventory`, `teardown`.
 * Run by bin/poc-studio.js under tsx.
 */
import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/errors.js';
import { runDemo } from './demo.js';
import { inventoryCommand } from './inventory.js';
import { prepareCommand } from './prepare.js';
import { profilesCommand } from './profiles.js';
import { sandboxCommand } from './sandbox.js';
import { setupCommand } from './setup.js';
import { teardownCommand } from './teardown.js';
import { validateCommand } from './validate.js';

const USAGE = `Usage: poc-studio <command> [options]

Commands:
  demo [--interactions FILE] [--items FILE] [--report FILE] [--keep] [--profile P --region R]
      Runs the whole POC (bundled sample by default) on an embedded Local sandbox, or with
      --profile and --region on that AWS account (setup, import, train, deploy, clean up).
  sandbox --port N [--data-dir DIR] [--timing fast|realistic [--speed N]] [--access-key-id AKID]
          [--allowed-origin ORIGIN]... [--faults FILE.json]
      Runs the Local sandbox standalone until SIGINT/SIGTERM (any credentials, unless
      --access-key-id restricts it to that key). Requests from web pages are refused unless
      their origin is given with --allowed-origin. --faults injects throttling, 500s, delays
      and dropped connections per operation: {"seed": 1, "rules": [{"operation": "*",
      "throttle": 0.2, "serverError": 0.05}]}. --timing realistic takes AWS's durations
      (import ~15 min, training ~50 min, campaign ~10 min); --speed 60 runs them 60x faster.
  validate FILE [--type interactions|items|users] [--schema SCHEMA.json] [--items FILE] [--users FILE] [--json]
      Checks a CSV with the service's data rules, against SCHEMA.json or the schema the studio
      would propose; --items / --users match the interactions' ids against those files. Without
      --type the type is inferred from the columns. --json prints one JSON object. Exits 1 when
      a finding is an error.
  prepare FILE --recipe RECIPE.json --out DIR [--json]
      Replays a data-prep recipe (column mapping, conversions, filters, dedupe) on FILE and
      writes the importable files and their schemas into DIR; FILE is only read. Prints the
      rows kept after each step. Exits 1 when a written file has an error finding.
  profiles [--json]
      Lists the AWS profiles of your config files (name, kind, region, SSO session, endpoint).
  setup --profile P --region R [--bucket B] [--role NAME] (--plan | --yes)
      Checks (--plan) or creates (--yes) the POC environment of an AWS account: the S3 bucket
      (default poc-studio-<account>-<region>) and the Personalize service role (default
      PersonalizePocStudioRole-<region>). Exits 0 only when everything is in place.
  inventory [--workspace W | --profile P --region R] [--json]
      Lists what the account and region hold, grouped by dataset group: status, age and the
      workspace that created each resource; schemas (orphans marked); the studio's bucket and role.
  teardown [--workspace W | --profile P --region R] [--scope PREFIX | --dataset-group ARN] (--plan | --yes)
      Prints the ordered teardown plan (--plan) or executes it (--yes). Scope: names starting
      with PREFIX, one dataset group, or by default the workspace's own resources, bucket and
      role. --yes exits 0 only when nothing of the scope remains.`;

/**
 * The help of one command: its lines of {@link USAGE} (the line naming it and the indented
 * lines under it), or `undefined` for a name USAGE does not list.
 */
function commandUsage(command: string): string | undefined {
  const lines = USAGE.split('\n');
  const start = lines.findIndex(
    (line) => line === `  ${command}` || line.startsWith(`  ${command} `),
  );
  if (start < 0) return undefined;
  let end = start + 1;
  while (lines[end]?.startsWith('      ') === true) end += 1;
  return `Usage: poc-studio ${lines.slice(start, end).join('\n').trimStart()}`;
}

/** True when `args` asks for help (`--help` or `-h` before any `--`). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      interactions: { type: 'string' },
      items: { type: 'string' },
      report: { type: 'string' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'string' },
      region: { type: 'string' },
    },
    strict: true,
  });
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await runDemo({
      interactions: values.interactions,
      items: values.items,
      reportPath: values.report,
      keep: values.keep,
      profile: values.profile,
      region: values.region,
      signal: controller.signal,
    });
    process.stdout.write('Demo finished.\n');
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const help = command === undefined ? undefined : commandUsage(command);
  if (help !== undefined && asksForHelp(rest)) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  try {
    switch (command) {
      case 'demo':
        return await demoCommand(rest);
      case 'sandbox':
        return await sandboxCommand(rest);
      case 'validate':
        return await validateCommand(rest);
      case 'prepare':
        return await prepareCommand(rest);
      case 'setup':
        return await setupCommand(rest);
      case 'profiles':
        return await profilesCommand(rest);
      case 'inventory':
        return await inventoryCommand(rest);
      case 'teardown':
        return await teardownCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`Unknown command: ${command}\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    const message = isAppError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`poc-studio ${command}: ${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
