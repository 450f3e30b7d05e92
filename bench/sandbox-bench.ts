/**
 * Speed and memory benchmark of the Local sandbox's control plane.
 *
 * Run: `npx tsx bench/sandbox-bench.ts [--requests N]`. Starts, in this process, the sandbox
 * (fast timing, a temporary data dir, one ACTIVE dataset group) and a reference: a bare
 * `node:http` server answering a constant JSON body of the same size as the sandbox's
 * DescribeDatasetGroup answer. The same keep-alive HTTP client drives both:
 *
 * 1. throughput: closed loop, 16 requests in flight, `N` requests (default 20,000) per server,
 *    the reference and the sandbox alternated twice; prints requests per second of each and the
 *    ratio sandbox / reference (target ≥ 0.5);
 * 2. latency: open loop at 500 requests per second, 3 rounds of 5 s against the bare server and
 *    the sandbox's DescribeDatasetGroup alternated; prints p50 / p99 / max in milliseconds of each
 *    round, the median p99 of each server (target p99 < 5 ms) and their ratio, with the load
 *    average before and after (the machine is shared: the figures are only as quiet as it was);
 * 3. memory: 100,000 Describe calls; prints the heap after a forced GC (when run with
 *    `--expose-gc`, which the command below passes) after the first 10,000 and after all, and
 *    their ratio (target: flat, ≈ 1.0).
 *
 * Nothing asserts: the figures are for the targets, read on the machine at hand.
 * `node --expose-gc --import tsx bench/sandbox-bench.ts` gives the memory figure after GC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../electron/sandbox/index.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '20000' } },
});
const REQUESTS = Number(values.requests);
/** Latency rounds per server: a shared machine stalls in bursts, one round can catch a stall. */
const LATENCY_ROUNDS = 3;

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** One POST with a JSON body; resolves with the status and the time it took (ms). */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Sends `count` requests with `inFlight` at a time; resolves with requests per second. */
async function closedLoop(send: () => Promise<{ status: number }>, count: number, inFlight = 16) {
  let sent = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (sent < count) {
        sent += 1;
        const { status } = await send();
        if (status !== 200) failed += 1;
      }
    }),
  );
  if (failed > 0) throw new Error(`${failed} requests did not answer 200`);
  return count / ((performance.now() - started) / 1000);
}

/** Sends at `rate` per second for `seconds`; resolves with the sorted latencies (ms). */
async function openLoop(send: () => Promise<{ ms: number }>, rate: number, seconds: number) {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const total = rate * seconds;
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send().then(({ ms }) => void latencies.push(ms)));
  }
  await Promise.all(pending);
  return latencies.sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-bench-'));
const sandbox = await startSandbox({ dataDir, timing: 'fast' });
try {
  const endpoint = new URL(`${sandbox.endpoint}/`);
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AmazonPersonalize.CreateDatasetGroup',
  };
  const created = await fetch(endpoint, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'bench-dsg' }),
  });
  if (created.status !== 200) throw new Error(`CreateDatasetGroup answered ${created.status}`);
  const { datasetGroupArn: arn } = (await created.json()) as { datasetGroupArn: string };
  const describeHeaders = { ...headers, 'x-amz-target': 'AmazonPersonalize.DescribeDatasetGroup' };
  const describeBody = JSON.stringify({ datasetGroupArn: arn });
  const describe = () => post(endpoint, describeHeaders, describeBody);
  const sample = await fetch(endpoint, {
    method: 'POST',
    headers: describeHeaders,
    body: describeBody,
  });
  const sampleBody = await sample.text();
  if (sample.status !== 200)
    throw new Error(`DescribeDatasetGroup answered ${sample.status}: ${sampleBody}`);

  const reference = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(sampleBody),
      });
      response.end(sampleBody);
    });
  });
  await new Promise<void>((resolve) => reference.listen(0, '127.0.0.1', resolve));
  const referenceUrl = new URL(`http://127.0.0.1:${(reference.address() as AddressInfo).port}/`);
  const bare = () => post(referenceUrl, describeHeaders, describeBody);

  await closedLoop(describe, 2_000);
  await closedLoop(bare, 2_000);
  const bareRps: number[] = [];
  const sandboxRps: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    bareRps.push(await closedLoop(bare, REQUESTS));
    sandboxRps.push(await closedLoop(describe, REQUESTS));
  }
  const bestBare = Math.max(...bareRps);
  const bestSandbox = Math.max(...sandboxRps);
  console.log(`Throughput, ${REQUESTS} requests, 16 in flight (best of 2):`);
  console.log(`  bare node:http constant JSON  ${bestBare.toFixed(0)} req/s`);
  console.log(`  sandbox DescribeDatasetGroup  ${bestSandbox.toFixed(0)} req/s`);
  console.log(
    `  ratio sandbox / bare          ${(bestSandbox / bestBare).toFixed(2)} (target ≥ 0.50)`,
  );

  // The machine is shared (no quiet one available): the load average is printed beside the
  // figures, and the bare server's latency at the same rate, in rounds alternated with the
  // sandbox's, shows how much of the p99 is the machine rather than the sandbox.
  const loadBefore = os.loadavg();
  const rounds: { bare: number[]; sandbox: number[] }[] = [];
  for (let round = 0; round < LATENCY_ROUNDS; round += 1)
    rounds.push({ bare: await openLoop(bare, 500, 5), sandbox: await openLoop(describe, 500, 5) });
  const loadAfter = os.loadavg();
  const line = (sorted: readonly number[]): string =>
    `p50 ${percentile(sorted, 0.5).toFixed(2)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(2)} ms`;
  console.log(
    `Latency at 500 req/s, ${LATENCY_ROUNDS} rounds of 5 s each per server, alternated (load average ${loadBefore.map((load) => load.toFixed(2)).join(' / ')} before, ${loadAfter.map((load) => load.toFixed(2)).join(' / ')} after, 1/5/15 min, ${os.cpus().length} CPUs):`,
  );
  rounds.forEach((round, index) => {
    console.log(`  round ${index + 1} bare node:http constant JSON  ${line(round.bare)}`);
    console.log(`  round ${index + 1} sandbox DescribeDatasetGroup  ${line(round.sandbox)}`);
  });
  const median = (values: number[]): number =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const bareP99 = median(rounds.map((round) => percentile(round.bare, 0.99)));
  const sandboxP99 = median(rounds.map((round) => percentile(round.sandbox, 0.99)));
  console.log(
    `  median p99: bare ${bareP99.toFixed(2)} ms, sandbox ${sandboxP99.toFixed(2)} ms (target < 5), ratio ${(sandboxP99 / bareP99).toFixed(2)}`,
  );

  await closedLoop(describe, 10_000);
  const early = heapMb();
  await closedLoop(describe, 90_000);
  const late = heapMb();
  console.log('Memory over 100,000 Describe calls (heap after GC):');
  console.log(
    `  after 10,000 ${early.toFixed(1)} MB, after 100,000 ${late.toFixed(1)} MB, ratio ${(late / early).toFixed(2)} (target ≈ 1.0)${(globalThis as { gc?: unknown }).gc === undefined ? ' — run with --expose-gc for a figure after GC' : ''}`,
  );
  await new Promise<void>((resolve) => reference.close(() => resolve()));
} finally {
  agent.destroy();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
}
