/**
 * Throughput benchmark of the sandbox runtime (issue item 7), on the POC MovieLens files.
 *
 * Run: `npx tsx bench/runtime-bench.ts [seconds per phase] [rate per second] [batch users]`
 * (defaults 10 s, 500 requests/s, 10,000 users). Starts the standalone sandbox
 * (`poc-studio sandbox`, its own process) on loopback, imports the POC interactions and items,
 * trains and deploys aws-user-personalization, then, measured in this run through the real SDK
 * client (keep-alive, up to 256 sockets):
 *
 * 1. GetRecommendations one at a time (service time), then at a fixed arrival rate (open loop:
 *    requests are sent on schedule whether or not earlier ones have answered; past 1,000
 *    outstanding the rest of the phase is shed and counted), each without a filter, with an
 *    Items filter (`INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)`, a genre per request) and with
 *    an Interactions filter (the guide's "unwatched"): p50 / p95 / p99 latency, the rate achieved,
 *    and each filtered p99 over the unfiltered p99 (targets: p99 < 10 ms, ratio ≤ 2);
 * 2. a batch inference job over a JSON Lines file of `batch users` lines (the POC users, cycled),
 *    with the unwatched filter: time from CreateBatchInferenceJob to ACTIVE, its share of the 30 s
 *    target, and the time per line over the mean one-at-a-time GetRecommendations latency.
 *
 * Nothing here asserts; latency includes the client (signing, HTTP on loopback).
 */
import {
  CreateBatchInferenceJobCommand,
  DescribeBatchInferenceJobCommand,
} from '@aws-sdk/client-personalize';
import {
  GetRecommendationsCommand,
  type GetRecommendationsCommandInput,
} from '@aws-sdk/client-personalize-runtime';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { BIN, ROOT } from '../electron/cli/test-support.js';
import { sandboxClients } from '../electron/sandbox/test-support/clients.js';
import {
  createActiveFilter,
  createPocGroup,
  deploy,
  trainVersion,
} from '../electron/sandbox/test-support/poc-group.js';
import { sharedDataPath } from '../electron/testing/shared-data.js';

const seconds = Number(process.argv[2] ?? 10);
const rate = Number(process.argv[3] ?? 500);
const batchUsers = Number(process.argv[4] ?? 10_000);

const GENRES = ['Comedy', 'Drama', 'Action', 'Thriller', 'Romance', 'Horror', 'Sci-Fi'];

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

interface Phase {
  readonly name: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly achievedRate: number;
  readonly errors: number;
  readonly shed: number;
}

function summary(
  name: string,
  latencies: number[],
  elapsedS: number,
  errors: number,
  shed: number,
): Phase {
  latencies.sort((a, b) => a - b);
  return {
    name,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    mean: latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length),
    achievedRate: latencies.length / elapsedS,
    errors,
    shed,
  };
}

/** One request at a time: the service time without queueing. */
async function closedLoop(
  name: string,
  count: number,
  send: (index: number) => Promise<unknown>,
): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const sentAt = performance.now();
    try {
      await send(index);
      latencies.push(performance.now() - sentAt);
    } catch {
      errors++;
    }
  }
  return summary(name, latencies, (performance.now() - started) / 1000, errors, 0);
}

const MAX_OUTSTANDING = 1000;

/** Requests sent on a fixed schedule (`rate` per second for `seconds`). */
async function openLoop(name: string, send: (index: number) => Promise<unknown>): Promise<Phase> {
  const total = Math.round(seconds * rate);
  const intervalMs = 1000 / rate;
  const latencies: number[] = [];
  let errors = 0;
  let outstanding = 0;
  let shed = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const wait = started + index * intervalMs - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (outstanding >= MAX_OUTSTANDING) {
      shed = total - index;
      break;
    }
    const sentAt = performance.now();
    outstanding++;
    pending.push(
      send(index).then(
        () => {
          outstanding--;
          latencies.push(performance.now() - sentAt);
        },
        () => {
          outstanding--;
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  return summary(name, latencies, (performance.now() - started) / 1000, errors, shed);
}

/** Starts `poc-studio sandbox` on a free loopback port. */
async function standaloneSandbox(
  dataDir: string,
): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/u.exec(stdout);
      if (match !== null) resolve(match[0]);
    });
    child.on('close', (code) => reject(new Error(`sandbox exited with ${String(code)}`)));
  });
  return {
    endpoint,
    stop: async () => {
      const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
      child.kill('SIGTERM');
      await closed;
    },
  };
}

function printPhases(title: string, phases: readonly Phase[]): void {
  const base = phases[0]?.p99 ?? Number.NaN;
  console.log(`\n${title}`);
  console.log(
    'phase                        p50 ms  p95 ms  p99 ms   req/s  errors    shed  p99 / unfiltered p99',
  );
  for (const phase of phases) {
    const cells = [
      phase.name.padEnd(28),
      phase.p50.toFixed(2).padStart(6),
      phase.p95.toFixed(2).padStart(7),
      phase.p99.toFixed(2).padStart(7),
      phase.achievedRate.toFixed(0).padStart(7),
      String(phase.errors).padStart(7),
      String(phase.shed).padStart(7),
      (phase.p99 / base).toFixed(2).padStart(6),
    ];
    console.log(cells.join(' '));
  }
}

async function main(): Promise<void> {
  const interactions = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
  const items = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');
  if (interactions === undefined || items === undefined) {
    console.log('runtime-bench: ../shared/data/personalize-poc-movielens-small is missing');
    return;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'runtime-bench-'));
  const sandbox = await standaloneSandbox(path.join(dataDir, 'sandbox'));
  try {
    const clients = sandboxClients(sandbox.endpoint);
    const runtime = new PersonalizeRuntimeClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
      requestHandler: new NodeHttpHandler({
        httpAgent: new http.Agent({ keepAlive: true, maxSockets: 256 }),
      }),
    });
    console.log('runtime-bench: importing the POC files and training aws-user-personalization…');
    const group = await createPocGroup(clients, 'runtime-bench', { interactions, items });
    const version = await trainVersion(clients, group.datasetGroupArn, 'aws-user-personalization');
    const campaignArn = await deploy(clients, 'runtime-bench', version);
    const genreFilter = await createActiveFilter(
      clients,
      group.datasetGroupArn,
      'bench-genre',
      'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
    );
    const unwatched = await createActiveFilter(
      clients,
      group.datasetGroupArn,
      'bench-unwatched',
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
    );
    const users = [
      ...new Set(
        parse<Record<string, string>>(readFileSync(interactions), { columns: true }).map(
          (row) => row.USER_ID ?? '',
        ),
      ),
    ];
    const call = (input: Omit<GetRecommendationsCommandInput, 'campaignArn'>) =>
      runtime.send(new GetRecommendationsCommand({ campaignArn, ...input }));
    // Warm-up: loads the model and the group's indexes.
    for (let index = 0; index < 200; index++)
      await call({ userId: users[index % users.length], filterArn: unwatched });
    const plain = (i: number) => ({ userId: users[i % users.length] });
    const genre = (i: number) => ({
      userId: users[i % users.length],
      filterArn: genreFilter,
      filterValues: { GENRE: `"${GENRES[i % GENRES.length] ?? 'Comedy'}"` },
    });
    const unwatchedCall = (i: number) => ({
      userId: users[i % users.length],
      filterArn: unwatched,
    });
    const serial = [
      await closedLoop('unfiltered', 500, (i) => call(plain(i))),
      await closedLoop('Items.GENRE IN ($GENRE)', 500, (i) => call(genre(i))),
      await closedLoop('unwatched (Interactions)', 500, (i) => call(unwatchedCall(i))),
    ];
    printPhases('One request at a time (500 each):', serial);
    const phases = [
      await openLoop('unfiltered', (i) => call(plain(i))),
      await openLoop('Items.GENRE IN ($GENRE)', (i) => call(genre(i))),
      await openLoop('unwatched (Interactions)', (i) => call(unwatchedCall(i))),
    ];
    printPhases(`Open loop at ${rate} requests/s for ${seconds} s, ${users.length} users:`, phases);
    const baseP99 = phases[0]?.p99 ?? Number.NaN;
    for (const [index, phase] of phases.entries()) {
      if (index === 0) continue;
      const serialRatio = (serial[index]?.p99 ?? Number.NaN) / (serial[0]?.p99 ?? Number.NaN);
      const isFast = phase.p99 < 10 && phase.shed === 0;
      const isClose = phase.p99 <= 2 * baseP99;
      console.log(
        `runtime-bench: ${phase.name} at ${rate}/s: p99 ${phase.p99.toFixed(2)} ms (< 10 ms: ${isFast ? 'met' : 'missed'}), ${(phase.p99 / baseP99).toFixed(2)}× the unfiltered p99 (≤ 2×: ${isClose ? 'met' : 'missed'}); one at a time ${serialRatio.toFixed(2)}×`,
      );
    }

    const bucket = 'runtime-bench-data';
    const lines = Array.from({ length: batchUsers }, (_, i) =>
      JSON.stringify({ userId: users[i % users.length] }),
    );
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'batch/users.json',
        Body: `${lines.join('\n')}\n`,
      }),
    );
    const startedMs = performance.now();
    const { batchInferenceJobArn = '' } = await clients.personalize.send(
      new CreateBatchInferenceJobCommand({
        jobName: 'runtime-bench-batch',
        solutionVersionArn: version,
        roleArn: 'arn:aws:iam::123456789012:role/PersonalizeBench',
        filterArn: unwatched,
        numResults: 25,
        jobInput: { s3DataSource: { path: `s3://${bucket}/batch/users.json` } },
        jobOutput: { s3DataDestination: { path: `s3://${bucket}/batch-out/` } },
      }),
    );
    let status = '';
    for (;;) {
      const { batchInferenceJob } = await clients.personalize.send(
        new DescribeBatchInferenceJobCommand({ batchInferenceJobArn }),
      );
      status = batchInferenceJob?.status ?? '';
      if (status === 'ACTIVE' || status === 'CREATE FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const batchSeconds = (performance.now() - startedMs) / 1000;
    const perLineMs = (batchSeconds * 1000) / batchUsers;
    console.log(
      `runtime-bench: batch inference of ${batchUsers} users with the unwatched filter: ${status} in ${batchSeconds.toFixed(1)} s = ${(batchSeconds / 30).toFixed(2)} of the 30 s target; ${perLineMs.toFixed(2)} ms per line = ${(perLineMs / (serial[0]?.mean ?? Number.NaN)).toFixed(2)}× the mean unfiltered GetRecommendations latency (one at a time)`,
    );
  } finally {
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
