import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeSolutionCommand,
  ListDatasetGroupsCommand,
  ListFiltersCommand,
  ListSchemasCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
} from '../sandbox/test-support/clients.js';
import { BIN, ROOT, runCli } from './test-support.js';
import { writeAwsProfile } from '../testing/aws-profile.js';

const CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };
const PROFILE = ['--profile', 'poc', '--region', 'eu-west-1'];

let directory = '';
let sandbox: RunningSandbox;
let personalize: PersonalizeClient;
let env: NodeJS.ProcessEnv = {};

async function settle(describe: () => Promise<string | undefined>): Promise<void> {
  const history = await pollStatus(describe, CREATE_TRANSIENT, 120_000);
  expect(history.at(-1)).toBe('ACTIVE');
}

/**
 * A POC `name`: its group, schema, Interactions dataset, `filters` filters, an event tracker and
 * two solutions, all ACTIVE. Returns the group's ARN.
 */
async function poc(name: string, filters: number): Promise<string> {
  const { datasetGroupArn = '' } = await personalize.send(new CreateDatasetGroupCommand({ name }));
  await settle(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
  );
  const { schemaArn } = await personalize.send(
    new CreateSchemaCommand({ name: `${name}-schema`, schema: INTERACTIONS_SCHEMA }),
  );
  const { datasetArn = '' } = await personalize.send(
    new CreateDatasetCommand({
      name: `${name}-interactions`,
      datasetGroupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  );
  await settle(
    async () =>
      (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
  );
  const waits: Promise<void>[] = [];
  for (let index = 0; index < filters; index += 1) {
    const { filterArn } = await personalize.send(
      new CreateFilterCommand({
        name: `${name}-filter-${index}`,
        datasetGroupArn,
        filterExpression: `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("e${index}")`,
      }),
    );
    waits.push(
      settle(
        async () =>
          (await personalize.send(new DescribeFilterCommand({ filterArn }))).filter?.status,
      ),
    );
  }
  const { eventTrackerArn } = await personalize.send(
    new CreateEventTrackerCommand({ name: `${name}-tracker`, datasetGroupArn }),
  );
  waits.push(
    settle(
      async () =>
        (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn }))).eventTracker
          ?.status,
    ),
  );
  for (const recipe of ['aws-popularity-count', 'aws-user-personalization']) {
    const { solutionArn } = await personalize.send(
      new CreateSolutionCommand({
        name: `${name}-${recipe}`,
        datasetGroupArn,
        recipeArn: `arn:aws:personalize:::recipe/${recipe}`,
      }),
    );
    waits.push(
      settle(
        async () =>
          (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status,
      ),
    );
  }
  await Promise.all(waits);
  return datasetGroupArn;
}

/**
 * Starts `poc-studio teardown ... --yes` as a real child process and kills it with SIGKILL as soon
 * as it reports a finished resource; resolves with what it printed by then.
 */
function killAfterFirstDeletion(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!killed && /^\[\d+\/\d+\] /mu.test(stdout)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(stdout);
      else reject(new Error(`teardown ended by itself (code ${String(code)}): ${stdout}${stderr}`));
    });
  });
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'cli-teardown-kill-itest-'));
  // Realistic timing, 60 times faster than AWS (5 s per deletion): the kill lands while most of
  // the plan is still to do.
  sandbox = await startSandbox({
    dataDir: path.join(directory, 'sandbox'),
    timing: 'realistic',
    speed: 60,
  });
  env = await writeAwsProfile({
    directory,
    profile: 'poc',
    region: 'eu-west-1',
    endpoint: sandbox.endpoint,
    keys: CREDENTIALS,
  });
  personalize = new PersonalizeClient({
    region: 'eu-west-1',
    endpoint: sandbox.endpoint,
    credentials: CREDENTIALS,
  });
  await Promise.all([poc('doomed', 6), poc('kept', 2)]);
}, 240_000);

afterAll(async () => {
  personalize.destroy();
  await sandbox.close();
  await rm(directory, { recursive: true, force: true });
});

describe('poc-studio teardown killed with SIGKILL mid-way', () => {
  it('resumes its persisted plan on the next run, deletes the rest of the scope only, then a third run does nothing', async () => {
    const printed = await killAfterFirstDeletion([
      'teardown',
      ...PROFILE,
      '--scope',
      'doomed',
      '--yes',
    ]);
    const total = Number(/^\[\d+\/(\d+)\] /mu.exec(printed)?.[1]);
    // 6 filters, the tracker, 2 solutions, the dataset, the group and the schema.
    expect(total).toBe(12);
    expect(printed).toMatch(/^\d+ resources, 12 to delete[^\n]*\. The teardown runs in 3 waves/mu);

    // Killed: the job is persisted as running, part of the scope still exists.
    const jobsFile = path.join(env.HOME ?? '', '.poc-studio', 'cli', 'jobs.json');
    const killedJobs = (JSON.parse(await readFile(jobsFile, 'utf8')) as { jobs: Job[] }).jobs;
    const teardowns = killedJobs.filter((job) => job.kind === 'inventory.teardown');
    expect(teardowns.map((job) => job.state)).toEqual(['running']);
    const killedJob = teardowns[0] as Job;
    expect(killedJob.progress.done).toBeLessThan(12);
    expect(
      (await personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups?.map(
        (group) => group.name,
      ),
    ).toContain('doomed');

    const resumed = await runCli(['teardown', ...PROFILE, '--scope', 'doomed', '--yes'], env);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`Resuming the unfinished teardown ${killedJob.id}`);
    expect(resumed.stdout).toMatch(/Nothing of the scope remains\.\n$/u);
    const finalJobs = (JSON.parse(await readFile(jobsFile, 'utf8')) as { jobs: Job[] }).jobs;
    expect(
      finalJobs
        .filter((job) => job.kind === 'inventory.teardown')
        .map((job) => [job.id, job.state, job.progress.done, job.progress.total]),
    ).toEqual([[killedJob.id, 'succeeded', 12, 12]]);
    expect(finalJobs[0]?.params.plan).toEqual(killedJob.params.plan);

    // The other POC of the account is untouched.
    const groups = (await personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((group) => [group.name, group.status])).toEqual([['kept', 'ACTIVE']]);
    const schemas = (await personalize.send(new ListSchemasCommand({}))).schemas ?? [];
    expect(schemas.map((schema) => schema.name)).toEqual(['kept-schema']);
    const keptFilters =
      (
        await personalize.send(
          new ListFiltersCommand({ datasetGroupArn: groups[0]?.datasetGroupArn }),
        )
      ).Filters ?? [];
    expect(keptFilters.map((filter) => filter.status)).toEqual(['ACTIVE', 'ACTIVE']);

    const again = await runCli(['teardown', ...PROFILE, '--scope', 'doomed', '--yes'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('Resuming');
    expect(again.stdout).not.toMatch(/\[\d+\/\d+\]/u);
    expect(again.stdout).toContain('Nothing of the scope remains.');
  }, 300_000);
});
