/**
 * CPU cost of the job engine while 100 jobs wait on remote resources (issue item 6: under 1% of
 * one core).
 *
 * Run: `npx tsx bench/poller-bench.ts [jobs] [warmupSeconds] [measureSeconds]` (defaults 100,
 * 70 and 60). Starts a loopback HTTP server that answers every `DescribeSolutionVersion` with
 * `CREATE IN_PROGRESS` (a training that never ends), then `jobs` training jobs in the app's
 * {@link JobRegistry} with its JSON job store, each waiting through the app's waiter, the AWS
 * poller schedule (2 s doubling to 60 s, 20% jitter), the job poller that records the next poll
 * and the resource timeline on the job, and a real `PersonalizeClient`. After the warm-up (the
 * backoff reaching its ceiling), it measures the process's CPU time (user + system, the HTTP
 * server's share included) over the window and prints it as a share of one core (CPU time per
 * wall time, which other processes' load does not inflate). The reference, measured in the same
 * run afterwards: the same number of bare `DescribeSolutionVersion` calls through the same
 * client and server, without the job engine; the bench prints the engine's CPU per poll as a
 * ratio of a bare call's. Nothing here asserts.
 */
import { DescribeSolutionVersionCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitForTerminalStatus } from '../electron/core/aws/waiters.js';
import { JobRegistry, type JobRunner } from '../electron/core/jobs/job-registry.js';
import { JsonFileJobStore } from '../electron/core/jobs/job-store.js';
import { AWS_POLLER_OPTIONS, Poller } from '../electron/core/jobs/poller.js';
import { JobPoller } from '../electron/core/jobs/workspace-job.js';

const [jobsArg, warmupArg, measureArg] = process.argv.slice(2);
const JOBS = Number(jobsArg ?? 100);
const WARMUP_S = Number(warmupArg ?? 70);
const MEASURE_S = Number(measureArg ?? 60);

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let describes = 0;
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    describes += 1;
    const { solutionVersionArn } = JSON.parse(body) as { solutionVersionArn: string };
    response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
    response.end(
      JSON.stringify({
        solutionVersion: { solutionVersionArn, status: 'CREATE IN_PROGRESS' },
      }),
    );
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const personalize = new PersonalizeClient({
  region: 'us-east-1',
  endpoint: `http://127.0.0.1:${port}`,
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
});

const directory = await mkdtemp(path.join(tmpdir(), 'poller-bench-'));
const runner: JobRunner = async (job) => {
  const arn = `arn:aws:personalize:us-east-1:123456789012:solution/bench/${job.job.workspaceId}`;
  await waitForTerminalStatus(
    { poller: new JobPoller(new Poller(AWS_POLLER_OPTIONS), job), signal: job.signal },
    async () => {
      const out = await personalize.send(
        new DescribeSolutionVersionCommand({ solutionVersionArn: arn }),
      );
      await job.observe({
        arn,
        kind: 'solutionVersion',
        name: job.job.workspaceId,
        status: out.solutionVersion?.status,
      });
      return { status: out.solutionVersion?.status };
    },
  );
};
const registry = new JobRegistry({
  store: new JsonFileJobStore(path.join(directory, 'jobs.json')),
  runners: { 'solutions.train': runner },
});
await registry.load();
for (let index = 0; index < JOBS; index += 1)
  await registry.start('solutions.train', `workspace-${index}`, { recipes: ['bench'] });

console.log(
  `${JOBS} jobs waiting; warming up for ${WARMUP_S} s (the backoff reaches its ceiling)…`,
);
await sleep(WARMUP_S * 1000);
const startedCpu = cpuMs();
const startedWall = performance.now();
const startedDescribes = describes;
await sleep(MEASURE_S * 1000);
const wallS = (performance.now() - startedWall) / 1000;
const jobsCpuMsPerSecond = (cpuMs() - startedCpu) / wallS;
const pollsPerSecond = (describes - startedDescribes) / wallS;
const polls = describes - startedDescribes;
const running = registry.list().filter((job) => job.state === 'running').length;
await registry.dispose();

// Reference: the same number of bare Describe calls, one after another, no engine.
const referenceCalls = Math.max(polls, 50);
const referenceStartedCpu = cpuMs();
for (let index = 0; index < referenceCalls; index += 1)
  await personalize.send(
    new DescribeSolutionVersionCommand({
      solutionVersionArn: 'arn:aws:personalize:us-east-1:123456789012:solution/bench/x',
    }),
  );
const bareMsPerCall = (cpuMs() - referenceStartedCpu) / referenceCalls;
const engineMsPerPoll = polls === 0 ? 0 : (jobsCpuMsPerSecond * wallS) / polls;
const share = jobsCpuMsPerSecond / 1000;

console.log(`jobs still waiting: ${running} of ${JOBS}`);
console.log(`polls: ${pollsPerSecond.toFixed(2)}/s over ${wallS.toFixed(0)} s`);
console.log(
  `job engine CPU while ${JOBS} jobs wait: ${jobsCpuMsPerSecond.toFixed(2)} ms per second = ${(share * 100).toFixed(3)}% of one core (target < 1%): ${share < 0.01 ? 'within' : 'OVER'}`,
);
console.log(
  `per poll: ${engineMsPerPoll.toFixed(2)} ms CPU; reference, a bare DescribeSolutionVersion call: ${bareMsPerCall.toFixed(2)} ms; ratio ${(engineMsPerPoll / bareMsPerCall).toFixed(2)}x`,
);

personalize.destroy();
server.close();
await rm(directory, { recursive: true, force: true });
