/**
 * Every recipe the sandbox trains reaches ACTIVE through boto3 too (a second, independent AWS SDK),
 * on generated interactions: solution, solution version, the 8 metrics (SPEC §7.3) and an answer
 * from a campaign of each (GetRecommendations, or GetPersonalizedRanking for the ranking recipes;
 * the USER_SEGMENTATION recipes refuse a campaign and answer a batch segment job instead).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/personalize.js';
import { startSandbox, type RunningSandbox } from './index.js';
import { SUPPORTED_RECIPES } from './recipes/index.js';

const SCRIPT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'test-support',
  'boto3_train.py',
);

interface Seen {
  readonly import: string;
  readonly recipes: Record<
    string,
    {
      status: string;
      failureReason?: string;
      metrics?: Record<string, number>;
      answer?: string[] | string;
      campaignError?: string;
      segmentJob?: string;
    }
  >;
}

/** The answer's ids (a copy), or none when the answer is an error message. */
function listOf(answer: string[] | string | undefined): string[] {
  return Array.isArray(answer) ? [...answer] : [];
}

describe('every recipe trains to ACTIVE through boto3', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('solution versions of all recipes: ACTIVE, 8 metrics, and each campaign answers', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        'python3',
        [SCRIPT, sandbox.endpoint, SUPPORTED_RECIPES.join(',')],
        { timeout: 600_000, maxBuffer: 10 * 2 ** 20 },
        (error, stdout, stderr) => {
          if (error !== null)
            reject(
              new Error(
                `boto3 training run failed (needs python3 with boto3: apt-get install python3-boto3): ${stderr}`,
                { cause: error },
              ),
            );
          else resolve(stdout);
        },
      );
    });
    const seen = JSON.parse(output) as Seen;
    expect(seen.import).toBe('ACTIVE');
    expect(Object.keys(seen.recipes).sort()).toEqual([...SUPPORTED_RECIPES].sort());
    for (const [recipe, entry] of Object.entries(seen.recipes)) {
      expect(entry.status, `${recipe}: ${entry.failureReason ?? ''}`).toBe('ACTIVE');
      expect(Object.keys(entry.metrics ?? {}).sort(), recipe).toEqual([...METRIC_KEYS].sort());
      if (recipe === 'aws-item-affinity' || recipe === 'aws-item-attribute-affinity') {
        expect(entry.campaignError, recipe).toBe('InvalidInputException');
        expect(entry.segmentJob, recipe).toBe('ACTIVE');
      } else if (recipe.startsWith('aws-personalized-ranking'))
        expect(listOf(entry.answer).sort(), recipe).toEqual(['g1-3', 'g1-9', 'g2-3']);
      else expect(entry.answer, recipe).toHaveLength(5);
    }
    // u1 is in taste group 1: the user model recommends group-1 items.
    const personal = listOf(seen.recipes['aws-user-personalization']?.answer);
    expect(personal.filter((itemId) => itemId.startsWith('g1-')).length).toBeGreaterThanOrEqual(4);
    // Item g1-3's segment is users of taste group 1 (u1, u6, u11, ...: user index mod 5 = 1).
    const segment = seen.recipes['aws-item-affinity']?.answer;
    expect(listOf(segment)).toHaveLength(5);
    for (const userId of listOf(segment)) expect(Number(userId.slice(1)) % 5, userId).toBe(1);
    // Without an Items dataset an itemAttributes line gets an error, and the job still ends ACTIVE.
    expect(seen.recipes['aws-item-attribute-affinity']?.answer).toMatch(/needs an Items dataset/u);
  }, 660_000);
});
