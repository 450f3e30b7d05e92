/**
 * A dataset import job resumed after a crash (kill -9) imports its rows once (SPEC §2.2, §2.8):
 * on AWS's POC interactions file, an INCREMENTAL job onto a dataset holding a first FULL import
 * (1,000 rows), and a FULL job, each "killed" at the two points a crash can land on once the
 * job has run — after its records were committed but before its ACTIVE status was saved, and
 * after the interactions table file was written but before the records' JSON was renamed into
 * place — then the sandbox restarted on the same data folder. The job resumes to ACTIVE and the
 * dataset holds the file's rows exactly once.
 *
 * The crash is simulated the way a restart sees it: the job's run goes through the store API as
 * the lifecycle does (CREATE IN_PROGRESS saved, then the work), and the state is never saved
 * after it; for the second point the dataset's JSON (and the table file the commit removed) are
 * put back as they were before the commit, keeping the table file written.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STATUS } from '../../shared/personalize.js';
import { importAndWait, waitForImportJob } from '../testing/import-jobs.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { runImportJob } from './import-job.js';
import { startSandbox } from './index.js';
import { rowCount } from './recipes/interaction-table.js';
import { ObjectStore } from './s3/object-store.js';
import { interactionTableOf, SandboxStore } from './store.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
  sandboxClients,
} from './test-support/clients.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
/** Rows of the first FULL import the INCREMENTAL job appends to. */
const FIRST_ROWS = 1_000;

const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

type Mode = 'FULL' | 'INCREMENTAL';
type CrashPoint = 'after the commit' | 'before the commit';

interface Prepared {
  readonly dataDir: string;
  readonly datasetArn: string;
  readonly jobArn: string;
}

/**
 * A data folder with an ACTIVE Interactions dataset holding a FULL import of the file's first
 * {@link FIRST_ROWS} rows, and a `mode` import job of the whole file still CREATE PENDING.
 */
async function prepare(mode: Mode, lines: readonly string[]): Promise<Prepared> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-import-resume-'));
  dataDirs.push(dataDir);
  const fast = await startSandbox({ dataDir, timing: 'fast' });
  let datasetArn = '';
  try {
    const { personalize, s3 } = sandboxClients(fast.endpoint);
    const { datasetGroupArn = '' } = await personalize.send(
      new CreateDatasetGroupCommand({ name: 'resume-poc' }),
    );
    await pollStatus(
      async () =>
        (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
          ?.status,
      CREATE_TRANSIENT,
    );
    const { schemaArn } = await personalize.send(
      new CreateSchemaCommand({ name: 'resume-poc-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    ({ datasetArn = '' } = await personalize.send(
      new CreateDatasetCommand({
        name: 'resume-poc-interactions',
        datasetGroupArn,
        schemaArn,
        datasetType: 'Interactions',
      }),
    ));
    await pollStatus(
      async () =>
        (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
      CREATE_TRANSIENT,
    );
    await s3.send(new CreateBucketCommand({ Bucket: 'resume-poc-data' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'resume-poc-data',
        Key: 'first/interactions.csv',
        Body: `${lines.slice(0, FIRST_ROWS + 1).join('\n')}\n`,
      }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: 'resume-poc-data',
        Key: 'all/interactions.csv',
        Body: readFileSync(interactionsPath ?? ''),
      }),
    );
    const first = await importAndWait(personalize, {
      jobName: 'resume-poc-first',
      datasetArn,
      dataSource: { dataLocation: 's3://resume-poc-data/first/interactions.csv' },
      importMode: 'FULL',
    });
    expect(first.status).toBe('ACTIVE');
  } finally {
    await fast.close();
  }
  // Realistic timing: the job under test stays CREATE PENDING (1 min) until the sandbox closes.
  const slow = await startSandbox({ dataDir, timing: 'realistic' });
  try {
    const { personalize } = sandboxClients(slow.endpoint);
    const { datasetImportJobArn: jobArn = '' } = await personalize.send(
      new CreateDatasetImportJobCommand({
        jobName: `resume-poc-${mode.toLowerCase()}`,
        datasetArn,
        dataSource: { dataLocation: 's3://resume-poc-data/all/interactions.csv' },
        importMode: mode,
      }),
    );
    const { datasetImportJob } = await personalize.send(
      new DescribeDatasetImportJobCommand({ datasetImportJobArn: jobArn }),
    );
    expect(datasetImportJob?.status).toBe('CREATE PENDING');
    return { dataDir, datasetArn, jobArn };
  } finally {
    await slow.close();
  }
}

/** Every file of `folder` by name. */
async function filesOf(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of await readdir(folder))
    files.set(name, await readFile(path.join(folder, name)));
  return files;
}

/**
 * Runs the job as the lifecycle does (CREATE IN_PROGRESS saved, then the work) and "dies" at
 * `point`: the state (the job's ACTIVE, the dataset's hasBulkImport) is never saved.
 */
async function runAndCrash({ dataDir, jobArn }: Prepared, point: CrashPoint): Promise<void> {
  const store = new SandboxStore(dataDir);
  await store.load();
  const objects = new ObjectStore(dataDir);
  await objects.load();
  const job = store.get('datasetImportJob', jobArn);
  if (job === undefined) throw new Error(`no job ${jobArn}`);
  store.setStatus(job, STATUS.createInProgress);
  await store.persist();
  const folder = path.join(dataDir, 'datasets');
  const before = await filesOf(folder);
  expect(await runImportJob(store, objects, job)).toBeUndefined();
  if (point === 'before the commit') {
    // The table file is written; the JSON (the commit) and the removal of the old table are not.
    const after = await filesOf(folder);
    for (const [name, bytes] of before)
      if (name.endsWith('.json') || !after.has(name))
        await writeFile(path.join(folder, name), bytes);
  }
}

/** Restarts the sandbox, waits for the job's end; resolves with its status and the dataset's rows. */
async function restart({ dataDir, datasetArn, jobArn }: Prepared): Promise<{
  status: string | undefined;
  rows: number;
  importedRecordCount: number | undefined;
}> {
  const sandbox = await startSandbox({ dataDir, timing: 'fast' });
  let status: string | undefined;
  try {
    const { personalize } = sandboxClients(sandbox.endpoint);
    ({ status } = await waitForImportJob(personalize, jobArn, 60_000));
  } finally {
    await sandbox.close();
  }
  const store = new SandboxStore(dataDir);
  await store.load();
  return {
    status,
    rows: rowCount(interactionTableOf(await store.getRecords(datasetArn))),
    importedRecordCount: store.get('datasetImportJob', jobArn)?.importedRecordCount,
  };
}

describe.skipIf(interactionsPath === undefined)(
  `import job resumed after a crash ${interactionsPath === undefined ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    const lines = readFileSync(interactionsPath ?? '', 'utf8')
      .trim()
      .split('\n');
    const fileRows = lines.length - 1;
    const cases: readonly { mode: Mode; point: CrashPoint; expected: number }[] = [
      { mode: 'INCREMENTAL', point: 'after the commit', expected: FIRST_ROWS + fileRows },
      { mode: 'INCREMENTAL', point: 'before the commit', expected: FIRST_ROWS + fileRows },
      { mode: 'FULL', point: 'after the commit', expected: fileRows },
      { mode: 'FULL', point: 'before the commit', expected: fileRows },
    ];
    it.each(cases)(
      'a $mode job killed $point holds the file rows once after the restart',
      async ({ mode, point, expected }) => {
        expect(fileRows).toBe(158_371);
        const prepared = await prepare(mode, lines);
        await runAndCrash(prepared, point);
        const after = await restart(prepared);
        expect(after).toEqual({ status: 'ACTIVE', rows: expected, importedRecordCount: fileRows });
      },
      120_000,
    );
  },
);
