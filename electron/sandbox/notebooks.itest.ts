/**
 * The POC guide's notebooks 01-06, call by call, as an unmodified boto3 script
 * (`test-support/poc_notebooks.py`) against the standalone sandbox (`poc-studio sandbox`): boto3
 * finds it through AWS_ENDPOINT_URL only. The script must run without an error, and what it saw
 * must be right: every resource ACTIVE, genre and decade shelves hold matching items, events
 * change the next recommendations, watched items leave the unwatched shelf, the rerank is a
 * permutation, the batch job writes `json_input.json.out`, and the clean-up leaves nothing.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { BIN, ROOT } from '../cli/test-support.js';

const POC = 'personalize-poc-movielens-small/interactions.csv';
const interactionsPath = sharedDataPath(POC);
const SCRIPT = path.join(ROOT, 'electron', 'sandbox', 'test-support', 'poc_notebooks.py');

interface NotebookReport {
  datasetGroup: string;
  interactionsImport: string;
  itemsImport: string;
  versions: Record<string, string>;
  metrics: Record<string, string[]>;
  campaigns: Record<string, string>;
  filters: string[];
  simsFor589: string[];
  users: string[];
  userRecommendations: Record<string, string[]>;
  genresOfShelves: Record<string, string[][]>;
  yearsOf1970s: string[];
  eventTracker: string;
  changedAfterClicks: boolean;
  sentWatched: string[];
  interactionShelves: { watched: string[]; unwatched: string[] };
  rerankInput: string[];
  reranked: string[];
  batchJob: string;
  batchOutput: {
    input: { userId: string };
    output: { recommendedItems: string[]; scores: number[] };
  }[];
  attachedPolicies: string[];
  remainingDatasetGroups: number;
}

async function withStandaloneSandbox<T>(
  dataDir: string,
  run: (endpoint: string) => Promise<T>,
): Promise<T> {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+/u.exec(stdout);
        if (match !== null) resolve(match[0]);
      });
      child.on('close', (code) =>
        reject(new Error(`sandbox exited with ${String(code)} before printing its endpoint`)),
      );
    });
    return await run(endpoint);
  } finally {
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    child.kill('SIGTERM');
    await closed;
  }
}

describe.skipIf(interactionsPath === undefined)(
  `the guide's notebooks as a boto3 script ${interactionsPath === undefined ? missingDataReason(POC) : ''}`,
  () => {
    it('runs 01-06 against the standalone sandbox without an error, and sees what AWS would show', async () => {
      const directory = await mkdtemp(path.join(os.tmpdir(), 'notebooks-itest-'));
      try {
        const dataDir = path.dirname(interactionsPath ?? '');
        const stdout = await withStandaloneSandbox(
          path.join(directory, 'sandbox'),
          (endpoint) =>
            new Promise<string>((resolve, reject) => {
              execFile(
                'python3',
                [SCRIPT],
                {
                  timeout: 600_000,
                  maxBuffer: 16 * 1024 * 1024,
                  env: {
                    PATH: process.env.PATH ?? '',
                    HOME: directory,
                    AWS_ENDPOINT_URL: endpoint,
                    AWS_ACCESS_KEY_ID: 'AKIDNOTEBOOKS',
                    AWS_SECRET_ACCESS_KEY: 'notebooks-secret',
                    AWS_DEFAULT_REGION: 'us-east-1',
                    POC_DATA_DIR: dataDir,
                    WORK_DIR: directory,
                    POLL_SECONDS: '0.2',
                  },
                },
                (error, out, stderr) => {
                  if (error !== null)
                    reject(
                      new Error(
                        `The notebook script failed (python3 with boto3 needed): ${stderr}`,
                        { cause: error },
                      ),
                    );
                  else resolve(out);
                },
              );
            }),
        );
        const report = JSON.parse(stdout) as NotebookReport;
        expect(report).toMatchObject({
          datasetGroup: 'ACTIVE',
          interactionsImport: 'ACTIVE',
          itemsImport: 'ACTIVE',
          versions: { userpersonalization: 'ACTIVE', sims: 'ACTIVE', rerank: 'ACTIVE' },
          campaigns: { userpersonalization: 'ACTIVE', sims: 'ACTIVE', rerank: 'ACTIVE' },
          eventTracker: 'ACTIVE',
          batchJob: 'ACTIVE',
          remainingDatasetGroups: 0,
        });
        expect(report.filters).toEqual(Array.from({ length: 10 }, () => 'ACTIVE'));
        for (const keys of Object.values(report.metrics)) expect(keys).toHaveLength(8);
        expect(report.simsFor589).toHaveLength(25);
        expect(report.simsFor589).not.toContain('589');
        for (const user of report.users) expect(report.userRecommendations[user]).toHaveLength(25);
        // Seven genre shelves: each item of a shelf has that genre.
        const shelves = Object.entries(report.genresOfShelves).filter(([name]) => name !== '1970s');
        expect(shelves).toHaveLength(7);
        for (const [genre, items] of shelves) {
          expect(items).toHaveLength(25);
          for (const genres of items) expect(genres).toContain(genre);
        }
        expect(report.yearsOf1970s).toHaveLength(25);
        for (const year of report.yearsOf1970s) {
          expect(Number(year)).toBeGreaterThanOrEqual(1970);
          expect(Number(year)).toBeLessThan(1980);
        }
        expect(report.changedAfterClicks).toBe(true);
        // The four items sent as watched leave the unwatched shelf at once...
        expect(report.sentWatched).toHaveLength(4);
        expect(report.interactionShelves.unwatched).toHaveLength(25);
        expect(
          report.interactionShelves.unwatched.filter((item) => report.sentWatched.includes(item)),
        ).toEqual([]);
        // ...and the watched shelf holds only the user's watched items (imported or sent).
        const user = report.users[report.users.length - 1] ?? '';
        const watched = new Set(
          parse<Record<string, string>>(readFileSync(interactionsPath ?? ''), { columns: true })
            .filter((row) => row.USER_ID === user && row.EVENT_TYPE === 'watch')
            .map((row) => row.ITEM_ID ?? ''),
        );
        for (const item of report.sentWatched) watched.add(item);
        expect(report.interactionShelves.watched.length).toBe(Math.min(25, watched.size));
        for (const item of report.interactionShelves.watched) expect(watched.has(item)).toBe(true);
        expect([...report.reranked].sort()).toEqual([...report.rerankInput].sort());
        expect(report.batchOutput.map((line) => line.input.userId)).toEqual(report.users);
        for (const line of report.batchOutput) {
          expect(line.output.recommendedItems).toHaveLength(25);
          expect(line.output.scores).toHaveLength(25);
        }
        expect(report.attachedPolicies).toHaveLength(2);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });
  },
);
