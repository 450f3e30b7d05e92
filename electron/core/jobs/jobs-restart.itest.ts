/**
 * A studio killed mid-training finishes the training job after a restart: a real child process
 * runs the browser host (the core, its job registry and the embedded sandbox with realistic
 * timing); the test imports the bundled sample through the HTTP API, starts `solutions.train`,
 * sends SIGKILL while a solution version is being created, starts a new process on the same data
 * folder, and waits through the same API until the job has succeeded — resumed, with each
 * version's status timeline, and an elapsed time that leaves out the time the app was down
 * (per job and per resource) while losing at most a heartbeat (3 s) of the time before the kill;
 * its progress names each version's training phase.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/ipc/envelope.js';
import { jobActiveMsBetween, jobElapsedMs, type Job } from '../../../shared/jobs.js';
import { SKELETON_RECIPES } from '../../../shared/personalize.js';
import { sampleFiles } from '../data/samples.js';

const CHILD = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'testing',
  'studio-host-child.ts',
);
/** Time the app stays down between the kill and the restart, in ms. */
const DOWN_MS = 4_000;

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  readonly token: string;
}

let root = '';
let rendererDir = '';
const children: ChildProcess[] = [];

/** Starts the browser host in a child process and reads its port and token. */
async function startChild(dataDir: string, timing: 'fast' | 'realistic'): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, rendererDir, timing], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_PROFILE: '' },
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`the studio process exited before it listened: ${stderr}`);
  });
  const first = (async () => {
    for await (const line of lines) return line;
    throw new Error(`no output from the studio process: ${stderr}`);
  })();
  const line = await Promise.race([first, exited]);
  const { port, token } = JSON.parse(line) as { port: number; token: string };
  return { child, port, token };
}

async function call<T>(studio: Running, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${studio.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${studio.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/** Polls `jobs.list` until `predicate` holds for the job, or fails after `timeoutMs`. */
async function waitForJob(
  studio: Running,
  workspaceId: string,
  jobId: string,
  predicate: (job: Job) => boolean,
  timeoutMs: number,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  let last: Job | undefined;
  while (Date.now() < deadline) {
    const jobs = await call<Job[]>(studio, 'jobs.list', { workspaceId });
    last = jobs.find((job) => job.id === jobId);
    if (last !== undefined && predicate(last)) return last;
    if (last?.state === 'failed') throw new Error(`job failed: ${last.error?.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`job ${jobId} not there in ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'jobs-restart-'));
  rendererDir = path.join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

describe('a studio killed mid-training', () => {
  it('resumes the training job after a restart and finishes it, with its timeline', async () => {
    const dataDir = path.join(root, 'data');
    // The import at the sandbox's fast pace; training at its realistic pace (seconds per
    // status), so the kill lands while a version is being created.
    const importer = await startChild(dataDir, 'fast');
    const { currentId: workspaceId } = await call<{ currentId: string }>(
      importer,
      'workspaces.list',
      {},
    );
    const sample = sampleFiles();
    await call(importer, 'guide.setFiles', {
      workspaceId,
      interactions: sample.interactions,
      items: sample.items,
    });
    const { jobId: importId } = await call<{ jobId: string }>(importer, 'datasets.import', {
      workspaceId,
    });
    await waitForJob(importer, workspaceId, importId, (job) => job.state === 'succeeded', 240_000);
    importer.child.kill('SIGTERM');
    await once(importer.child, 'exit');
    const first = await startChild(dataDir, 'realistic');
    const { jobId } = await call<{ jobId: string }>(first, 'solutions.train', {
      workspaceId,
      recipes: [...SKELETON_RECIPES],
    });
    const training = await waitForJob(
      first,
      workspaceId,
      jobId,
      (job) =>
        (job.resources ?? []).some(
          (resource) =>
            resource.kind === 'solutionVersion' &&
            resource.transitions.some((transition) => transition.status.startsWith('CREATE')),
        ),
      120_000,
    );
    expect(training.state).toBe('running');
    // jobs.list shows only records already on disk, so the kill can follow at once.
    const killSentAtMs = Date.now();
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const killedAtMs = Date.now();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));

    const second = await startChild(dataDir, 'realistic');
    // The new process loaded the jobs before it printed its port: the app was down at most
    // from the kill to here.
    const downAtMostMs = Date.now() - killSentAtMs;
    const done = await waitForJob(
      second,
      workspaceId,
      jobId,
      (job) => job.state === 'succeeded',
      240_000,
    );
    const restartedAfterMs = Date.now() - killedAtMs;
    expect(done.attempt).toBe(2);
    const resumed = done.events?.find((event) => event.kind === 'resumed');
    expect(resumed?.text).toMatch(/^Resumed after the app was down for \d+ s$/u);
    // Each recipe's solution version went from CREATE PENDING / IN_PROGRESS to ACTIVE.
    const versions = (done.resources ?? []).filter(
      (resource) => resource.kind === 'solutionVersion',
    );
    expect(versions).toHaveLength(SKELETON_RECIPES.length);
    for (const version of versions) {
      const statuses = version.transitions.map((transition) => transition.status);
      expect(statuses.at(-1)).toBe('ACTIVE');
      expect(statuses.some((status) => status.startsWith('CREATE'))).toBe(true);
      expect(version.nextPollAtMs).toBeUndefined();
    }
    // Wall time from creation to the end includes the time the app was down; elapsed does not.
    const wallMs = done.updatedAtMs - done.createdAtMs;
    const elapsedMs = jobElapsedMs(done, Date.now());
    expect(elapsedMs).toBeLessThanOrEqual(wallMs - DOWN_MS);
    // …and loses at most the heartbeat interval (3 s) of the time before the kill (+ rounding).
    expect(elapsedMs).toBeGreaterThanOrEqual(wallMs - downAtMostMs - 3_500);
    expect(done.runs).toHaveLength(2);
    // Each resource's elapsed leaves the downtime out too (a version seen before the kill and
    // ACTIVE after it).
    const spanning = versions.filter(
      (version) =>
        (version.transitions[0]?.atMs ?? Infinity) < killSentAtMs &&
        (version.transitions.at(-1)?.atMs ?? 0) > killSentAtMs + DOWN_MS,
    );
    expect(spanning.length).toBeGreaterThan(0);
    for (const version of spanning) {
      const from = version.transitions[0]?.atMs ?? 0;
      const to = version.transitions.at(-1)?.atMs ?? 0;
      expect(jobActiveMsBetween(done, from, to, Date.now())).toBeLessThanOrEqual(
        to - from - DOWN_MS,
      );
    }
    // Progress in the job's unit: every version passed its three phases.
    expect(done.progress).toMatchObject({
      unit: 'phase',
      done: 3 * SKELETON_RECIPES.length,
      total: 3 * SKELETON_RECIPES.length,
    });
    expect(done.progress.measures).toEqual(
      SKELETON_RECIPES.map((recipe) => ({ label: recipe, unit: 'phase', done: 3, total: 3 })),
    );
    expect(restartedAfterMs).toBeGreaterThan(DOWN_MS);
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  }, 600_000);
});
