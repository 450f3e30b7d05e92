import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { Metrics } from '../../shared/guide.js';
import type { InventoryEntryView } from '../../shared/ipc/inventory.js';
import { otherMetadata, pickTitle } from '../../shared/item-display.js';
import { SKELETON_RECIPES } from '../../shared/personalize.js';
import { createStudioApp } from '../core/app/create-studio-app.js';
import type { StudioCore } from '../core/app/studio-app.js';
import { sampleFiles } from '../core/data/samples.js';
import { formatCount } from '../core/datasets/import-service.js';
import { formatMetricsTable } from './metrics-table.js';
/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Interactions CSV (.csv or .csv.gz); default the bundled sample. */
  readonly interactions?: string | undefined;
  /** Items CSV; default the bundled sample's when `interactions` is not given either. */
  readonly items?: string | undefined;
  /** Where to write the JSON report. */
  readonly reportPath?: string | undefined;
  /** Keep every resource (and the sandbox data dir) instead of tearing down. */
  readonly keep?: boolean;
  /** Progress lines (default: stdout). */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /**
   * Run on an AWS account through this profile of the user's AWS config files (with `region`)
   * instead of the embedded Local sandbox.
   */
  readonly profile?: string | undefined;
  /** Region of the AWS target (with `profile`). */
  readonly region?: string | undefined;
  /** Environment whose AWS config variables locate the profiles (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/** The JSON report of a demo run. */
export interface DemoReport {
  readonly sandboxEndpoint: string;
  /** Where the POC ran: `sandbox`, or `aws` with the profile, region and account. */
  readonly target: {
    readonly kind: 'sandbox' | 'aws';
    readonly profile?: string;
    readonly region: string;
    readonly accountId?: string;
  };
  readonly files: { readonly interactions: string; readonly items?: string | undefined };
  readonly datasets: Readonly<
    Record<
      string,
      {
        readonly rows: number;
        readonly datasetArn?: string | undefined;
        readonly importJobArn?: string | undefined;
      }
    >
  >;
  readonly schemaWarnings: Readonly<Record<string, readonly string[]>>;
  readonly solutions: readonly {
    readonly recipe: string;
    readonly solutionArn: string;
    readonly solutionVersionArn?: string | undefined;
    readonly metrics?: Metrics | undefined;
  }[];
  readonly campaign?:
    | { readonly recipe: string; readonly campaignArn: string; readonly minProvisionedTPS: number }
    | undefined;
  readonly recommendations: readonly {
    readonly userId: string;
    readonly itemIds: readonly string[];
    readonly items: readonly {
      itemId: string;
      score?: number | undefined;
      metadata: Record<string, string>;
    }[];
  }[];
  /**
   * Counted as the teardown plan counts (`actionable`: steps that stop or delete), the rule of the
   * job's "Deleting N resources": `deleted` is the plan's count before less the count after;
   * `removedWithParent` are the entries the service removes along with their parent (import jobs
   * with their dataset), not counted as deleted.
   */
  readonly teardown: {
    readonly skipped: boolean;
    readonly deleted: number;
    readonly removedWithParent: number;
    readonly remaining: number;
    readonly remainingResources: readonly InventoryEntryView[];
  };
  /** Wall time per phase, in ms. */
  readonly durationsMs: Readonly<Record<string, number>>;
}

/** The recipe deployed as a campaign (SPEC §6.1). */
export const DEMO_CAMPAIGN_RECIPE = 'aws-user-personalization';

/** Runs one job through the handlers and waits for it; logs each new step. @throws AppError when it fails. */
async function runJob(
  studio: StudioCore,
  start: Promise<{ jobId: string }>,
  log: (line: string) => void,
): Promise<void> {
  const { jobId } = await start;
  let lastStep = '';
  const off = studio.onEvent((name, payload) => {
    if (name !== 'jobs.didChange') return;
    const job = payload as { id: string; step: string };
    if (job.id !== jobId || job.step === lastStep) return;
    lastStep = job.step;
    log(`  ${job.step}`);
  });
  try {
    const job = await studio.jobs.whenSettled(jobId);
    if (job.state !== 'succeeded') {
      throw new AppError(
        job.state === 'cancelled' ? 'job.cancelled' : 'job.failed',
        job.error?.message ?? `The ${job.kind} job ended ${job.state}.`,
      );
    }
  } finally {
    off();
  }
}

/**
 * The whole POC headless, as a script over the app's own handlers (the one composition of
 * electron/core/app/create-studio-app.ts, with a temp data folder): choose the files, import
 * (environment setup, upload, dataset group, schemas, datasets, import jobs), train both skeleton
 * recipes, read the metrics, deploy a campaign (minProvisionedTPS 1), recommendations for the 3
 * most active users, teardown (unless `keep`). Runs on the embedded Local sandbox, or with
 * `profile` and `region` on that AWS account (a workspace of that target). Writes the report
 * when `reportPath` is given.
 * @throws AppError from any step (`job.failed`, `aws.*`, `file.*`, `guide.notReady`, ...).
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const sample = sampleFiles();
  const interactions = path.resolve(options.interactions ?? sample.interactions);
  const items =
    options.items !== undefined
      ? path.resolve(options.items)
      : options.interactions === undefined
        ? sample.items
        : undefined;
  if ((options.profile === undefined) !== (options.region === undefined)) {
    throw new AppError(
      'input.invalid',
      'Give both --profile and --region to run the demo on an AWS account (or neither for the Local sandbox).',
    );
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'poc-studio-demo-'));
  const studio = await createStudioApp({
    userDataDir: dataDir,
    sandboxTiming: 'fast',
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const { handlers } = studio;
  const onAbort = (): void => {
    for (const job of studio.jobs.list()) void studio.jobs.cancel(job.id);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const durationsMs: Record<string, number> = {};
  const startedAtMs = Date.now();
  let phaseStartMs = startedAtMs;
  const phase = (name: string): void => {
    const nowMs = Date.now();
    durationsMs[name] = nowMs - phaseStartMs;
    phaseStartMs = nowMs;
  };
  try {
    let workspaceId = (await handlers['workspaces.list']({})).currentId;
    if (options.profile !== undefined && options.region !== undefined) {
      const created = await handlers['workspaces.create']({
        name: `Demo ${options.profile}`,
        target: { kind: 'aws', profile: options.profile, region: options.region },
        tags: {},
        notes: '',
      });
      workspaceId = created.id;
      log(`AWS profile ${options.profile} in ${options.region}`);
    } else {
      log(`Local sandbox on ${studio.sandboxEndpoint}`);
    }
    const identity = await handlers['accounts.identity']({ workspaceId });
    if (identity.state !== 'ok')
      throw new AppError(
        identity.state === 'wrongAccount' ? 'aws.wrongAccount' : 'aws.credentials',
        identity.message ?? `Identity check: ${identity.state}`,
      );
    log(`  account ${identity.accountId ?? ''} as ${identity.arn ?? ''}`);
    await handlers['guide.setFiles']({
      workspaceId,
      interactions,
      ...(items === undefined ? {} : { items }),
    });
    log('1/6 Environment, upload and import');
    await runJob(studio, handlers['datasets.import']({ workspaceId }), log);
    phase('import');
    let view = await handlers['guide.get']({ workspaceId });
    for (const [type, rows] of Object.entries(view.importedRows))
      log(`  ${type}: ${formatCount(rows)} rows imported`);
    log(`2/6 Training ${SKELETON_RECIPES.join(', ')}`);
    await runJob(
      studio,
      handlers['solutions.train']({ workspaceId, recipes: [...SKELETON_RECIPES] }),
      log,
    );
    phase('train');
    view = await handlers['guide.get']({ workspaceId });
    log(formatMetricsTable(view.solutions));
    log(`3/6 Campaign on ${DEMO_CAMPAIGN_RECIPE}`);
    await runJob(
      studio,
      handlers['campaigns.deploy']({
        workspaceId,
        recipe: DEMO_CAMPAIGN_RECIPE,
        minProvisionedTPS: 1,
      }),
      log,
    );
    phase('deploy');
    log('4/6 Recommendations');
    const shortcuts = await handlers['recommendations.userShortcuts']({ workspaceId });
    const recommendations = [];
    for (const { userId } of shortcuts.heavy.slice(0, 3)) {
      const result = await handlers['recommendations.recommend']({
        workspaceId,
        userId,
        numResults: 25,
      });
      const preview = result.items
        .slice(0, 3)
        .map((item) => describeItem(item.itemId, item.metadata));
      log(`  user ${userId}: ${result.items.length} items, top: ${preview.join(' | ')}`);
      recommendations.push({
        userId,
        itemIds: result.items.map((item) => item.itemId),
        items: result.items,
      });
    }
    phase('recommend');
    view = await handlers['guide.get']({ workspaceId });
    const inventory = await handlers['inventory.list']({ workspaceId });
    const datasets = Object.fromEntries(
      Object.entries(view.importedRows).map(([type, rows]) => [
        type,
        {
          rows,
          datasetArn: inventory.find(
            (entry) => entry.kind === 'dataset' && entry.arn.endsWith(`/${type.toUpperCase()}`),
          )?.arn,
          importJobArn: studio.workspaces
            .get(workspaceId)
            .resources.list({ kind: 'datasetImportJob' })
            .find((entry) => entry.studio.datasetType === type)?.arn,
        },
      ]),
    );
    const campaign =
      view.campaign === undefined
        ? undefined
        : {
            recipe: view.campaign.recipe,
            campaignArn: view.campaign.campaignArn,
            minProvisionedTPS: view.campaign.minProvisionedTPS,
          };
    let teardown: DemoReport['teardown'] = {
      skipped: true,
      deleted: 0,
      removedWithParent: 0,
      remaining: 0,
      remainingResources: [],
    };
    if (options.keep === true) {
      log(`5/6 Teardown skipped (--keep): data kept in ${dataDir}`);
      log(
        `  Explore it with: npm run poc-studio -- sandbox --port 4566 --data-dir ${path.join(dataDir, 'sandbox')}`,
      );
    } else {
      log('5/6 Teardown');
      const before = await handlers['inventory.plan']({ workspaceId });
      await runJob(studio, handlers['inventory.teardown']({ workspaceId }), log).catch(
        () => undefined,
      );
      const after = await handlers['inventory.plan']({ workspaceId });
      const left = new Set(
        after.steps
          .filter((step) => step.action === 'delete' || step.action === 'stop')
          .map((step) => step.arn),
      );
      const remaining = (await handlers['inventory.list']({ workspaceId })).filter((entry) =>
        left.has(entry.arn),
      );
      phase('teardown');
      const removedWithParent = before.steps.filter(
        (step) => step.action === 'removedWithParent',
      ).length;
      teardown = {
        skipped: false,
        deleted: before.actionable - after.actionable,
        removedWithParent,
        remaining: after.actionable,
        remainingResources: remaining,
      };
      log(
        `  deleted ${teardown.deleted} resources${removedWithParent === 0 ? '' : ` (${removedWithParent} more removed with their parent)`}, ${teardown.remaining} remaining`,
      );
    }
    durationsMs.total = Date.now() - startedAtMs;
    const workspace = studio.workspaces.get(workspaceId).config;
    const report: DemoReport = {
      sandboxEndpoint: studio.sandboxEndpoint,
      target: {
        kind: workspace.target.kind,
        ...(workspace.target.kind === 'aws' ? { profile: workspace.target.profile } : {}),
        region: workspace.target.region,
        ...(identity.accountId === undefined ? {} : { accountId: identity.accountId }),
      },
      files: { interactions, items },
      datasets,
      schemaWarnings: {},
      solutions: view.solutions.map((solution) => ({
        recipe: solution.recipe,
        solutionArn: solution.solutionArn,
        solutionVersionArn: solution.solutionVersionArn,
        metrics: solution.metrics,
      })),
      campaign,
      recommendations,
      teardown,
      durationsMs,
    };
    if (options.reportPath !== undefined) {
      await writeFile(options.reportPath, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
      log(`6/6 Report written to ${path.resolve(options.reportPath)}`);
    }
    if (!teardown.skipped && teardown.remaining > 0) {
      throw new AppError(
        'job.failed',
        `Teardown left ${teardown.remaining} resources: ${teardown.remainingResources.map((entry) => entry.arn).join(', ')}`,
      );
    }
    return report;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await studio.dispose();
    if (options.keep !== true) await rm(dataDir, { recursive: true, force: true });
  }
}

/** `id title` when the items file names items, else `id (metadata, …)`, for progress lines. */
function describeItem(itemId: string, metadata: Readonly<Record<string, string>>): string {
  const { title, key } = pickTitle(itemId, metadata);
  if (key !== undefined) return `${itemId} ${title}`;
  const details = otherMetadata(metadata, undefined).map(([, value]) => value);
  return details.length === 0 ? itemId : `${itemId} (${details.join('; ')})`;
}
