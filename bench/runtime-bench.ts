/**
 * Throughput benchmark of the sandbox runtime (issue 8 item 7), on the POC MovieLens files.
 *
 * Run: `npx tsx bench/runtime-bench.ts [seconds per phase] [rate per second] [batch users]`
 * (defaults 10 s, 500 requests/s, 10,000 users); `RUNTIME_BENCH_PROFILE=<folder>` makes the
 * sandbox write a V8 CPU profile there. Starts the standalone sandbox (`poc-studio sandbox`, its
 * own process) on loopback, imports the POC interactions and items, trains and deploys
 * aws-user-personalization and aws-sims, then, measured in this run through the real SDK client
 * (keep-alive, up to 256 sockets):
 *
 * 1. GetRecommendations for users seen for the first time (the model scores the catalogue: the
 *    cost of a cold request), one at a time;
 * 2. GetRecommendations one at a time (service time), then at a fixed arrival rate (open loop:
 *    requests are sent on schedule whether or not earlier ones have answered, after 64 unmeasured
 *    requests of the phase's kind; past 1,000
 *    outstanding the rest of the phase is shed and counted), each without a filter, with an
 *    Items filter (`INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)`, a genre per request) and with
 *    an Interactions filter (the guide's "unwatched"): p50 / p95 / p99 latency, the rate achieved,
 *    and each filtered p99 over the unfiltered p99 (targets: p99 < 10 ms, ratio ≤ 2). Every user
 *    has been asked once by then, so the ranked lists the runtime keeps per user answer them;
 *    then the same three open-loop phases with the SDK client's signed requests captured once and
 *    replayed by node's HTTP client, so the latency is the sandbox's and the loopback's without
 *    the SDK client's own CPU time (about 1.2 ms per request, which on 2 cores competes with the
 *    sandbox for the processor);
 * 3. the same for SIMS, through the SDK client and replayed (`itemId`, 9,700 items: most requests of a
 *    phase are an item's first; the model answers from every item's related-items list, built once
 *    on the first item request (the warm-up), and a filtered request walks that list with the
 *    filter, building only the items it returns; nothing is kept per item —
 *    `bench/related-items-bench.ts` times that answer against the catalogue scoring);
 * 4. a batch inference job over a JSON Lines file of `batch users` lines (the POC users, cycled),
 *    with the unwatched filter: time from CreateBatchInferenceJob to ACTIVE, its share of the 30 s
 *    target, and the time per line over the mean cold GetRecommendations latency.
 *
 * Every table shows the 1-minute load average at the end of each phase (the machine is shared:
 * latency on a loaded machine says more about the machine than about the sandbox). Nothing here
 * asserts; latency includes the client (signing, HTTP on loopback).
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
import { loadavg, tmpdir } from 'node:os';
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
  /** 1-minute load average when the phase ended. */
  readonly load: number;
  /** Sandbox CPU time per answered request, ms. */
  readonly cpuMs: number;
  /** This process's CPU time (the SDK client) per answered request, ms. */
  readonly clientCpuMs: number;
}

/** CPU time (user + system) of this process, in ms. */
function clientCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Process id of the sandbox, for its CPU time. */
let sandboxPid: number | undefined;

/**
 * CPU time (user + system) the sandbox process has used, in ms: from /proc (Linux, 100 clock
 * ticks per second), NaN elsewhere. Unlike latency it barely depends on what else the machine runs.
 */
function serverCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/${String(sandboxPid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function loadText(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

function summary(
  name: string,
  latencies: number[],
  elapsedS: number,
  errors: number,
  shed: number,
  cpuStartMs: number,
  clientStartMs: number,
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
    load: loadavg()[0] ?? Number.NaN,
    cpuMs: (serverCpuMs() - cpuStartMs) / Math.max(1, latencies.length),
    clientCpuMs: (clientCpuMs() - clientStartMs) / Math.max(1, latencies.length),
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
  const cpuStart = serverCpuMs();
  const clientStart = clientCpuMs();
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
  return summary(
    name,
    latencies,
    (performance.now() - started) / 1000,
    errors,
    0,
    cpuStart,
    clientStart,
  );
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
  const cpuStart = serverCpuMs();
  const clientStart = clientCpuMs();
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
  return summary(
    name,
    latencies,
    (performance.now() - started) / 1000,
    errors,
    shed,
    cpuStart,
    clientStart,
  );
}

/** Requests sent, not measured, before each open-loop phase: they open the client's sockets. */
const WARM_UP_REQUESTS = 64;

/**
 * {@link openLoop} after {@link WARM_UP_REQUESTS} requests of the phase's own kind sent at once
 * and not counted (sockets opened, the phase's filter compiled), as the replayed phases do.
 */
async function warmOpenLoop(
  name: string,
  send: (index: number) => Promise<unknown>,
): Promise<Phase> {
  await Promise.allSettled(Array.from({ length: WARM_UP_REQUESTS }, (_, index) => send(index)));
  return openLoop(name, send);
}

/** One HTTP request as the SDK client put it on the wire: signed, headers and JSON body. */
interface WireRequest {
  readonly method: 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * The signed requests the real SDK client sends for `inputs` (GetRecommendations), captured by a
 * request handler that answers `{"itemList":[]}` instead of sending them. The sandbox does not
 * verify signatures (SPEC §1.6), so they can be replayed as they are.
 */
async function wireRequests(
  endpoint: string,
  inputs: readonly GetRecommendationsCommandInput[],
): Promise<WireRequest[]> {
  const captured: WireRequest[] = [];
  const capturing = new PersonalizeRuntimeClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
    requestHandler: {
      handle: (request: {
        readonly path: string;
        readonly headers: Record<string, string>;
        readonly body?: unknown;
      }) => {
        captured.push({
          method: 'POST',
          path: request.path,
          headers: { ...request.headers },
          body: new TextDecoder().decode(request.body as Uint8Array),
        });
        return Promise.resolve({
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: Buffer.from('{"itemList":[]}'),
          },
        });
      },
    },
  });
  for (const input of inputs) await capturing.send(new GetRecommendationsCommand(input));
  capturing.destroy();
  return captured;
}

/**
 * Sends one captured request on `agent` (node's HTTP client, keep-alive) and resolves when the
 * whole response has arrived; rejects on a status other than 200.
 */
function replay(endpoint: string, agent: http.Agent, request: WireRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      `${endpoint}${request.path}`,
      { method: request.method, headers: request.headers, agent },
      (response) => {
        response.on('data', () => undefined);
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`HTTP ${String(response.statusCode)}`)),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** Starts `poc-studio sandbox` on a free loopback port. */
async function standaloneSandbox(
  dataDir: string,
): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  // RUNTIME_BENCH_PROFILE=<folder>: the sandbox writes a V8 CPU profile there when it stops.
  const profileDir = process.env.RUNTIME_BENCH_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const args = [...profile, BIN, 'sandbox', '--port', '0', '--data-dir', dataDir];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  sandboxPid = child.pid;
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
    'phase                        p50 ms  p95 ms  p99 ms   req/s  errors    shed  p99 / unfiltered p99  load  CPU ms/req: sandbox  client',
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
      phase.load.toFixed(2).padStart(19),
      phase.cpuMs.toFixed(3).padStart(27),
      phase.clientCpuMs.toFixed(3).padStart(7),
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
    console.log(`runtime-bench: load average ${loadText()} (1 / 5 / 15 min) at start`);
    console.log(
      'runtime-bench: importing the POC files, training aws-user-personalization and aws-sims…',
    );
    const group = await createPocGroup(clients, 'runtime-bench', { interactions, items });
    const [version, simsVersion] = await Promise.all([
      trainVersion(clients, group.datasetGroupArn, 'aws-user-personalization'),
      trainVersion(clients, group.datasetGroupArn, 'aws-sims'),
    ]);
    const campaignArn = await deploy(clients, 'runtime-bench', version);
    const simsCampaignArn = await deploy(clients, 'runtime-bench-sims', simsVersion);
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
    const itemIds = parse<Record<string, string>>(readFileSync(items), { columns: true }).map(
      (row) => row.ITEM_ID ?? '',
    );
    const call = (input: Omit<GetRecommendationsCommandInput, 'campaignArn'>) =>
      runtime.send(new GetRecommendationsCommand({ campaignArn, ...input }));
    const simsCall = (input: Omit<GetRecommendationsCommandInput, 'campaignArn'>) =>
      runtime.send(new GetRecommendationsCommand({ campaignArn: simsCampaignArn, ...input }));
    // Warm-up: loads the models and the group's indexes (20 users, 20 items).
    const warmUsers = 20;
    for (let index = 0; index < warmUsers; index++) {
      await call({ userId: users[index], filterArn: unwatched });
      await simsCall({ itemId: itemIds[index] });
    }
    const cold = await closedLoop('first request of a user', users.length - warmUsers, (i) =>
      call({ userId: users[warmUsers + i] }),
    );
    printPhases('Cold: each user asked for the first time, one at a time:', [cold]);
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
    printPhases('user-personalization, one request at a time (500 each):', serial);
    const phases = [
      await warmOpenLoop('unfiltered', (i) => call(plain(i))),
      await warmOpenLoop('Items.GENRE IN ($GENRE)', (i) => call(genre(i))),
      await warmOpenLoop('unwatched (Interactions)', (i) => call(unwatchedCall(i))),
    ];
    printPhases(
      `user-personalization, open loop at ${rate} requests/s for ${seconds} s, ${users.length} users:`,
      phases,
    );
    const total = Math.round(seconds * rate);
    const wire = async (
      input: (i: number) => Omit<GetRecommendationsCommandInput, 'campaignArn'>,
      campaign: string,
      count: number,
    ) =>
      wireRequests(
        sandbox.endpoint,
        Array.from({ length: count }, (_, i) => ({ campaignArn: campaign, ...input(i) })),
      );
    const replayAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const replayed = async (
      name: string,
      input: (i: number) => Omit<GetRecommendationsCommandInput, 'campaignArn'>,
      campaign = campaignArn,
      count = Math.min(total, 2000),
    ) => {
      const requests = await wire(input, campaign, count);
      // Opens the agent's sockets before the measured phase (not counted; a socket the server
      // has just closed answers with a reset, counted as an error in a measured phase).
      await Promise.allSettled(
        requests
          .slice(0, WARM_UP_REQUESTS)
          .map((request) => replay(sandbox.endpoint, replayAgent, request)),
      );
      return openLoop(name, (i) =>
        replay(sandbox.endpoint, replayAgent, requests[i % requests.length] as WireRequest),
      );
    };
    const generated = [
      await replayed('unfiltered', plain),
      await replayed('Items.GENRE IN ($GENRE)', genre),
      await replayed('unwatched (Interactions)', unwatchedCall),
    ];
    printPhases(
      `user-personalization, ${rate} requests/s for ${seconds} s the SDK client's signed requests replayed by node's HTTP client:`,
      generated,
    );
    // SIMS: items in a different order per phase, so that most requests are an item's first.
    const stride = 7919;
    const simsItem = (phase: number, i: number) =>
      itemIds[(warmUsers + phase * 3331 + i * stride) % itemIds.length];
    const simsGenre = (phase: number) => (i: number) => ({
      itemId: simsItem(phase, i),
      filterArn: genreFilter,
      filterValues: { GENRE: `"${GENRES[i % GENRES.length] ?? 'Comedy'}"` },
    });
    const simsGenerated = [
      await replayed(
        'SIMS unfiltered',
        (i) => ({ itemId: simsItem(2, i) }),
        simsCampaignArn,
        total,
      ),
      await replayed('SIMS Items.GENRE IN ($GENRE)', simsGenre(3), simsCampaignArn, total),
    ];
    replayAgent.destroy();
    printPhases(
      `aws-sims, ${rate} requests/s for ${seconds} s, the SDK client's signed requests replayed by node's HTTP client:`,
      simsGenerated,
    );
    const simsPhases = [
      await warmOpenLoop('SIMS unfiltered', (i) => simsCall({ itemId: simsItem(0, i) })),
      await warmOpenLoop('SIMS Items.GENRE IN ($GENRE)', (i) => simsCall(simsGenre(1)(i))),
    ];
    printPhases(
      `aws-sims, open loop at ${rate} requests/s for ${seconds} s over ${itemIds.length} items:`,
      simsPhases,
    );
    const report = (
      list: readonly Phase[],
      serialList: readonly Phase[] | undefined,
      via = 'SDK client',
    ) => {
      const baseP99 = list[0]?.p99 ?? Number.NaN;
      for (const [index, phase] of list.entries()) {
        const isFast = phase.p99 < 10 && phase.shed === 0;
        const rateNote = `${phase.achievedRate.toFixed(0)} req/s, CPU per request ${phase.cpuMs.toFixed(3)} ms in the sandbox, ${phase.clientCpuMs.toFixed(3)} ms in this process`;
        if (index === 0) {
          console.log(
            `runtime-bench: ${phase.name} at ${rate}/s (${via}): ${rateNote}, p50 ${phase.p50.toFixed(2)} ms, p99 ${phase.p99.toFixed(2)} ms (< 10 ms: ${isFast ? 'met' : 'missed'})`,
          );
          continue;
        }
        const isClose = phase.p99 <= 2 * baseP99;
        const serialRatio =
          serialList === undefined
            ? ''
            : `; one at a time ${((serialList[index]?.p99 ?? Number.NaN) / (serialList[0]?.p99 ?? Number.NaN)).toFixed(2)}×`;
        console.log(
          `runtime-bench: ${phase.name} at ${rate}/s (${via}): ${rateNote}, p50 ${phase.p50.toFixed(2)} ms, p99 ${phase.p99.toFixed(2)} ms (< 10 ms: ${isFast ? 'met' : 'missed'}), ${(phase.p99 / baseP99).toFixed(2)}× the unfiltered p99 (≤ 2×: ${isClose ? 'met' : 'missed'})${serialRatio}`,
        );
      }
    };
    report(phases, serial, 'SDK client');
    report(generated, serial, 'replayed');
    report(simsPhases, undefined);
    report(simsGenerated, undefined, 'replayed');
    console.log(`runtime-bench: load average ${loadText()} after the request phases`);

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
      `runtime-bench: batch inference of ${batchUsers} lines (${Math.min(batchUsers, users.length)} distinct users) with the unwatched filter: ${status} in ${batchSeconds.toFixed(1)} s = ${(batchSeconds / 30).toFixed(2)} of the 30 s target (< 30 s: ${status === 'ACTIVE' && batchSeconds < 30 ? 'met' : 'missed'}); ${perLineMs.toFixed(2)} ms per line = ${(perLineMs / cold.mean).toFixed(2)}× the mean cold GetRecommendations latency (one at a time); load average ${loadText()}`,
    );
  } finally {
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
