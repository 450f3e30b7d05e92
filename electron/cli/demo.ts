import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../sandbox/index.js';
import { AppError } from '../../shared/errors.js';
import { otherMetadata, pickTitle } from '../../shared/item-display.js';
import { SKELETON_RECIPES } from '../../shared/personalize.js';
import { emptyPocState, type Metrics } from '../../shared/poc.js';
import { createAwsClients, createSandboxCredentials } from '../core/aws/client-factory.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from '../core/jobs/poller.js';
import { deployCampaign } from '../core/poc/campaign-service.js';
import { ensureEnvironment } from '../core/poc/environment-service.js';
import { formatCount, importDatasets } from '../core/poc/import-service.js';
import type { InventoryEntry } from '../core/poc/inventory-service.js';
import { ItemIndex } from '../core/poc/item-index.js';
import { PocSession } from '../core/poc/poc-session.js';
import { recommend } from '../core/poc/recommend-service.js';
import { trainSolutions } from '../core/poc/solutions-service.js';
import { teardownPoc } from '../core/poc/teardown-service.js';
import { uploadPocFiles } from '../core/poc/upload-service.js';
import { sampleFiles } from '../core/samples.js';
import { formatMetricsTable } from './metrics-table.js';
import { topUsers } from './top-users.js';

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
}

/** The JSON report of a demo run. */
export interface DemoReport {
  readonly sandboxEndpoint: string;
  readonly files: { readonly interactions: string; readonly items?: string | undefined };
  readonly datasets: Readonly<Record<string, { readonly rows: number; readonly datasetArn?: string | undefined; readonly importJobArn?: string | undefined }>>;
  readonly schemaWarnings: Readonly<Record<string, readonly string[]>>;
  readonly solutions: readonly { readonly recipe: string; readonly solutionArn: string; readonly solutionVersionArn?: string | undefined; readonly metrics?: Metrics | undefined }[];
  readonly campaign?: { readonly recipe: string; readonly campaignArn: string; readonly minProvisionedTPS: number } | undefined;
  readonly recommendations: readonly { readonly userId: string; readonly itemIds: readonly string[]; readonly items: readonly { itemId: string; score?: number | undefined; metadata: Record<string, string> }[] }[];
  readonly teardown: { readonly skipped: boolean; readonly deleted: number; readonly remaining: number; readonly remainingResources: readonly InventoryEntry[] };
  /** Wall time per phase, in ms. */
  readonly durationsMs: Readonly<Record<string, number>>;
}

/** The recipe deployed as a campaign (SPEC §6.1). */
export const DEMO_CAMPAIGN_RECIPE = 'aws-user-personalization';

/**
 * The whole POC headless against an embedded Local sandbox (port 0, temp data dir, a per-run
 * access key id so that nothing else on loopback can use it): bucket,
 * upload, dataset group/schemas/datasets/import jobs, both skeleton recipes, metrics, a
 * campaign (minProvisionedTPS 1), recommendations for the 3 most active users, teardown
 * (unless `keep`). Writes the report when `reportPath` is given.
 * @throws AppError from any step (`job.failed`, `aws.*`, `file.*`, ...).
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const sample = sampleFiles();
  const interactions = path.resolve(options.interactions ?? sample.interactions);
  const items = options.items !== undefined ? path.resolve(options.items) : options.interactions === undefined ? sample.items : undefined;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'poc-studio-demo-'));
  const credentials = createSandboxCredentials();
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(dataDir, 'sandbox'), timing: 'fast', accessKeyId: credentials.accessKeyId });
  const clients = createAwsClients({ kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1', accountId: '123456789012' }, credentials);
  const durationsMs: Record<string, number> = {};
  const startedAtMs = Date.now();
  let phaseStartMs = startedAtMs;
  const phase = (name: string): void => {
    const nowMs = Date.now();
    durationsMs[name] = nowMs - phaseStartMs;
    phaseStartMs = nowMs;
  };
  try {
    log(`Local sandbox on ${sandbox.endpoint}`);
    const session = new PocSession({
      workspaceId: 'demo',
      clients,
      poller: new Poller(SANDBOX_POLLER_OPTIONS),
      workDir: path.join(dataDir, 'work'),
      initialState: { ...emptyPocState(), files: { interactions, ...(items === undefined ? {} : { items }) } },
    });
    let lastStep = '';
    const context = session.context({
      signal: options.signal,
      report: (step) => {
        if (step !== lastStep) log(`  ${step}`);
        lastStep = step;
        return Promise.resolve();
      },
    });
    log('1/6 Environment');
    const bucket = await ensureEnvironment(context);
    log(`  bucket ${bucket}`);
    log('2/6 Upload and import');
    const uploaded = await uploadPocFiles(context);
    phase('upload');
    const imported = await importDatasets(context, uploaded);
    phase('import');
    for (const [type, rows] of Object.entries(imported.importedRows)) log(`  ${type}: ${formatCount(rows)} rows imported`);
    log(`3/6 Training ${SKELETON_RECIPES.join(', ')}`);
    const solutions = await trainSolutions(context, SKELETON_RECIPES);
    phase('train');
    log(formatMetricsTable(solutions));
    log(`4/6 Campaign on ${DEMO_CAMPAIGN_RECIPE}`);
    await deployCampaign(context, DEMO_CAMPAIGN_RECIPE, 1);
    phase('deploy');
    log('5/6 Recommendations');
    const itemIndex = new ItemIndex();
    const users = await topUsers(uploaded.find((file) => file.datasetType === 'interactions')?.localPath ?? interactions, 3);
    const recommendations = [];
    for (const userId of users) {
      const result = await recommend(context, itemIndex, userId, 25);
      const preview = result.items.slice(0, 3).map((item) => describeItem(item.itemId, item.metadata));
      log(`  user ${userId}: ${result.items.length} items, top: ${preview.join(' | ')}`);
      recommendations.push({ userId, itemIds: result.items.map((item) => item.itemId), items: result.items });
    }
    phase('recommend');
    const state = context.getState();
    const datasets = Object.fromEntries(
      Object.entries(imported.importedRows).map(([type, rows]) => [type, { rows, datasetArn: state.datasetArns[type], importJobArn: state.importJobArns[type] }]),
    );
    const campaign = state.campaign === undefined ? undefined : { recipe: state.campaign.recipe, campaignArn: state.campaign.campaignArn, minProvisionedTPS: state.campaign.minProvisionedTPS };
    let teardown: DemoReport['teardown'] = { skipped: true, deleted: 0, remaining: 0, remainingResources: [] };
    if (options.keep === true) {
      log(`6/6 Teardown skipped (--keep): sandbox data kept in ${dataDir}`);
      log(`  Explore it with: npm run poc-studio -- sandbox --port 4566 --data-dir ${dataDir}`);
    } else {
      log('6/6 Teardown');
      const result = await teardownPoc(context);
      phase('teardown');
      teardown = { skipped: false, deleted: result.deleted.length, remaining: result.remaining.length, remainingResources: result.remaining };
      log(`  deleted ${result.deleted.length} resources, ${result.remaining.length} remaining`);
    }
    durationsMs.total = Date.now() - startedAtMs;
    const report: DemoReport = {
      sandboxEndpoint: sandbox.endpoint,
      files: { interactions, items },
      datasets,
      schemaWarnings: imported.warnings,
      solutions: solutions.map((solution) => ({ recipe: solution.recipe, solutionArn: solution.solutionArn, solutionVersionArn: solution.solutionVersionArn, metrics: solution.metrics })),
      campaign,
      recommendations,
      teardown,
      durationsMs,
    };
    if (options.reportPath !== undefined) {
      await writeFile(options.reportPath, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
      log(`Report written to ${path.resolve(options.reportPath)}`);
    }
    if (!teardown.skipped && teardown.remaining > 0) {
      throw new AppError('job.failed', `Teardown left ${teardown.remaining} resources: ${teardown.remainingResources.map((entry) => entry.arn).join(', ')}`);
    }
    return report;
  } finally {
    clients.destroy();
    await sandbox.close();
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
