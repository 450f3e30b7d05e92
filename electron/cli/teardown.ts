/**
 * `poc-studio teardown [--workspace W | --profile P --region R] [--scope PREFIX | --dataset-group ARN]
 * (--plan | --yes)`: the teardown of one POC from the command line, plan first.
 */
import { parseArgs } from 'node:util';
import { countPlan, countsText } from '../../shared/inventory/inventory-counts.js';
import { AppError } from '../../shared/errors.js';
import type { TeardownPlan, TeardownScope, TeardownStep } from '../../shared/ipc/inventory.js';
import {
  chooseWorkspace,
  checkWorkspaceChoice,
  WORKSPACE_OPTIONS,
  withCliStudio,
} from './cli-workspace.js';

/** One plan line: wave, action, kind, name, the note and what a campaign costs now. */
export function formatStep(step: TeardownStep): string {
  const cost =
    step.costPerHourUsd === undefined || step.costPerHourUsd === 0
      ? ''
      : `  [$${step.costPerHourUsd.toFixed(4)}/hour now]`;
  const note = `${step.note === undefined ? '' : `  (${step.note})`}${cost}`;
  return `${String(step.wave + 1).padStart(2)}. ${step.action.padEnd(17)} ${step.kind.padEnd(18)} ${step.name}${note}`;
}

/** The plan as text: one line per step in order, then the totals in the inventory's one count wording (`countsText`). */
export function formatPlan(plan: TeardownPlan): string {
  if (plan.actionable === 0)
    return `Nothing of the scope remains.${plan.steps.length > 0 ? `\n${plan.steps.map(formatStep).join('\n')}` : ''}\n`;
  const lines = plan.steps.map(formatStep);
  lines.push(
    `${countsText(countPlan(plan))}. The teardown runs in ${plan.criticalPath} wave${plan.criticalPath === 1 ? '' : 's'} (the longest chain of dependent deletions).`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `teardown` through the app's handlers (one composition): `--plan` prints the ordered
 * plan of `inventory.plan` (a dry run: nothing changes) and resolves with 0; `--yes` runs the
 * `inventory.teardown` job (the plan persisted first), prints each finished resource, and
 * resolves with 0 only when nothing of the scope remains afterwards, else 1. A teardown left
 * unfinished by an earlier run (killed, crashed) is resumed from its persisted plan, and says so.
 *
 * Scope: `--scope PREFIX` (dataset groups and schemas whose names start with PREFIX, no bucket
 * or role), `--dataset-group ARN` (that group and the schemas only it uses), default the
 * workspace's own (its prefix, bucket, objects and role).
 * @throws AppError `input.invalid` (exactly one of `--plan` / `--yes`; at most one of `--scope`
 *   / `--dataset-group`; workspace options), `job.cancelled` (SIGINT), `aws.*`.
 */
export async function teardownCommand(
  args: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
  options: { readonly env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...WORKSPACE_OPTIONS,
      scope: { type: 'string' },
      'dataset-group': { type: 'string' },
      plan: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const usage =
    'poc-studio teardown [--workspace W | --profile P --region R] [--scope PREFIX | --dataset-group ARN] (--plan | --yes)';
  checkWorkspaceChoice(values, usage);
  if (values.plan === values.yes)
    throw new AppError(
      'input.invalid',
      `teardown needs exactly one of --plan (show the plan) or --yes (delete): ${usage}`,
    );
  if (values.scope !== undefined && values['dataset-group'] !== undefined)
    throw new AppError(
      'input.invalid',
      `Give at most one of --scope and --dataset-group: ${usage}`,
    );
  if (values.scope === '')
    throw new AppError('input.invalid', `--scope needs a name prefix: ${usage}`);
  const groupArn = values['dataset-group'];
  if (
    groupArn !== undefined &&
    !/^arn:[a-z\d-]+:personalize:[^:]*:\d*:dataset-group\/.+$/u.test(groupArn)
  ) {
    throw new AppError(
      'input.invalid',
      `--dataset-group ${groupArn} is not a dataset group ARN (arn:aws:personalize:<region>:<account>:dataset-group/<name>).`,
    );
  }
  const scope: TeardownScope =
    values.scope !== undefined
      ? { kind: 'prefix', prefix: values.scope }
      : groupArn !== undefined
        ? { kind: 'datasetGroup', datasetGroupArn: groupArn }
        : { kind: 'workspace' };

  return withCliStudio(options.env, async (studio) => {
    const { handlers } = studio;
    const workspace = await chooseWorkspace(studio, values, usage);
    const workspaceId = workspace.id;
    const scopeLabel =
      scope.kind === 'prefix'
        ? `names starting with ${scope.prefix}`
        : scope.kind === 'datasetGroup'
          ? `dataset group ${scope.datasetGroupArn}`
          : `workspace ${workspace.name} (prefix ${workspace.prefix}-, bucket ${workspace.setup.bucket}, role ${workspace.setup.roleName})`;
    write(`Scope: ${scopeLabel}, region ${workspace.target.region}\n`);
    if (values.plan) {
      write(formatPlan(await handlers['inventory.plan']({ workspaceId, scope })));
      return 0;
    }
    const askedAtMs = Date.now();
    const { jobId } = await handlers['inventory.teardown']({ workspaceId, scope });
    const started = studio.jobs.get(jobId);
    const plan = started.params.plan as TeardownPlan | undefined;
    // An unfinished teardown (interrupted by a crash, a kill or Ctrl+C) is resumed, whatever the scope asked.
    if (started.createdAtMs < askedAtMs)
      write(
        `Resuming the unfinished teardown ${jobId}, planned ${new Date(plan?.createdAtMs ?? started.createdAtMs).toISOString()} (${started.progress.done} of ${started.progress.total} done).\n`,
      );
    if (plan !== undefined) write(formatPlan(plan));
    let lastDone = 0;
    const unsubscribe = studio.onEvent((name, payload) => {
      if (name !== 'jobs.didChange') return;
      const job = payload as {
        id: string;
        step: string;
        progress: { done: number; total: number };
      };
      if (job.id !== jobId || job.progress.done <= lastDone) return;
      lastDone = job.progress.done;
      write(`[${job.progress.done}/${job.progress.total}] ${job.step}\n`);
    });
    const job = await studio.jobs.whenSettled(jobId);
    unsubscribe();
    const remaining = await handlers['inventory.plan']({ workspaceId, scope });
    if (job.state !== 'succeeded')
      write(`Teardown ${job.state}${job.error === undefined ? '' : `: ${job.error.message}`}\n`);
    if (remaining.actionable === 0) {
      write('Nothing of the scope remains.\n');
      return 0;
    }
    write(
      `Still there:\n${remaining.steps
        .filter((step) => step.action === 'delete' || step.action === 'stop')
        .map(formatStep)
        .join('\n')}\n`,
    );
    return 1;
  });
}
