/**
 * Batch inference jobs through the real AWS SDK against a started sandbox, on the POC MovieLens
 * files (SPEC §2.18): JSON Lines input per recipe family, `<input file name>.out` under the
 * output path with `input` / `output` / `error` per line, filters and numResults honoured, the
 * path rule and the status cycle; Describe and List like the service.
 */
import {
  CreateBatchInferenceJobCommand,
  DescribeBatchInferenceJobCommand,
  InvalidInputException,
  ListBatchInferenceJobsCommand,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason } from '../testing/shared-data.js';
import {
  BATCH_ROLE,
  genresByItem,
  itemsByUser,
  pocFiles,
  POC_INTERACTIONS,
  putJsonLines,
  readJsonLines,
  runBatchJob,
} from './test-support/batch-files.js';
import {
  createActiveFilter,
  createPocGroup,
  deploy,
  trainVersion,
  type PocGroup,
} from './test-support/poc-group.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const { interactionsPath, itemsPath, missing } = pocFiles();

const caught = caughtAs(PersonalizeServiceException);
const shared = useSharedSandbox();
const ROLE = BATCH_ROLE;
const BUCKET = 'batch-poc-data';

let group: PocGroup;
let upVersion = '';
let simsVersion = '';
let rankingVersion = '';
let unwatched = '';
let genreFilter = '';
const watched = new Map<string, Set<string>>();
const genres = new Map<string, string[]>();

interface OutputLine {
  input: Record<string, unknown> | string;
  output?: { recommendedItems: string[]; scores?: number[] };
  error?: string;
}

async function put(key: string, lines: readonly (string | Record<string, unknown>)[]) {
  await putJsonLines(shared.clients.s3, BUCKET, key, lines);
}

async function runJob(
  jobName: string,
  solutionVersionArn: string,
  input: string,
  output: string,
  extra: { filterArn?: string; numResults?: number } = {},
): Promise<{ arn: string; history: string[] }> {
  const { arn, statuses } = await runBatchJob(shared.clients.personalize, 'inference', BUCKET, {
    jobName,
    solutionVersionArn,
    input,
    output,
    ...extra,
  });
  return { arn, history: statuses };
}

async function readOutput(key: string): Promise<OutputLine[]> {
  return readJsonLines<OutputLine>(shared.clients.s3, BUCKET, key);
}

describe.skipIf(missing)(
  `batch inference jobs through the AWS SDK ${missing ? missingDataReason(POC_INTERACTIONS) : ''}`,
  () => {
    beforeAll(async () => {
      for (const [userId, items] of itemsByUser(interactionsPath ?? '', 'watch'))
        watched.set(userId, new Set(items));
      for (const [itemId, itemGenres] of genresByItem(itemsPath ?? ''))
        genres.set(itemId, itemGenres);
      const clients = shared.clients;
      group = await createPocGroup(
        clients,
        'batch-poc',
        { interactions: interactionsPath ?? '', items: itemsPath ?? '' },
        BUCKET,
      );
      [upVersion, simsVersion, rankingVersion] = await Promise.all([
        trainVersion(clients, group.datasetGroupArn, 'aws-user-personalization'),
        trainVersion(clients, group.datasetGroupArn, 'aws-sims'),
        trainVersion(clients, group.datasetGroupArn, 'aws-personalized-ranking'),
      ]);
      unwatched = await createActiveFilter(
        clients,
        group.datasetGroupArn,
        'batch-unwatched',
        'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
      );
      genreFilter = await createActiveFilter(
        clients,
        group.datasetGroupArn,
        'batch-genre',
        'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
      );
    });

    it('user-personalization: one output line per input line, filter and numResults honoured, bad lines get an error', async () => {
      const users = ['1', '2', '3', '4', '5'];
      await put('in/users.json', [
        ...users.map((userId) => ({ userId })),
        'not json',
        { itemId: '1' },
      ]);
      const { arn, history } = await runJob('users-unwatched', upVersion, 'in/users.json', 'out/', {
        filterArn: unwatched,
        numResults: 10,
      });
      // In order and ending ACTIVE (a loaded machine may answer the first Describe after a step).
      expect(history.at(-1)).toBe('ACTIVE');
      expect(history).toContain('CREATE IN_PROGRESS');
      expect(
        ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'].filter((s) => history.includes(s)),
      ).toEqual(history);
      const lines = await readOutput('out/users.json.out');
      expect(lines).toHaveLength(7);
      for (const [index, userId] of users.entries()) {
        const line = lines[index];
        expect(line?.input).toEqual({ userId });
        expect(line?.output?.recommendedItems).toHaveLength(10);
        expect(line?.output?.scores).toHaveLength(10);
        const seen = watched.get(userId) ?? new Set();
        expect(line?.output?.recommendedItems.filter((itemId) => seen.has(itemId))).toEqual([]);
      }
      expect(lines[5]).toEqual({ input: 'not json', error: 'This line is not a JSON object.' });
      expect(lines[6]?.input).toEqual({ itemId: '1' });
      expect(lines[6]?.error).toMatch(/userId/u);
      const { batchInferenceJob } = await shared.clients.personalize.send(
        new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: arn }),
      );
      expect(batchInferenceJob).toMatchObject({
        jobName: 'users-unwatched',
        solutionVersionArn: upVersion,
        filterArn: unwatched,
        numResults: 10,
        roleArn: ROLE,
        jobInput: { s3DataSource: { path: `s3://${BUCKET}/in/users.json` } },
        jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/out/` } },
        status: 'ACTIVE',
      });
      const { batchInferenceJobs = [] } = await shared.clients.personalize.send(
        new ListBatchInferenceJobsCommand({ solutionVersionArn: upVersion }),
      );
      expect(batchInferenceJobs.map((job) => job.batchInferenceJobArn)).toContain(arn);
    });

    it('filterValues per line; a folder input gives one .out file per input file', async () => {
      await put('genres/a.jsonl', [
        { userId: '1', filterValues: { GENRE: '"Comedy"' } },
        { userId: '2' },
      ]);
      await put('genres/b.jsonl', [
        { userId: '3', filterValues: { GENRE: '"Horror","Thriller"' } },
      ]);
      await runJob('genres', upVersion, 'genres/', 'genres-out/', {
        filterArn: genreFilter,
        numResults: 5,
      });
      const { Contents = [] } = await shared.clients.s3.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'genres-out/' }),
      );
      expect(Contents.map((object) => object.Key).sort()).toEqual([
        'genres-out/a.jsonl.out',
        'genres-out/b.jsonl.out',
      ]);
      const a = await readOutput('genres-out/a.jsonl.out');
      expect(a[0]?.output?.recommendedItems).toHaveLength(5);
      for (const itemId of a[0]?.output?.recommendedItems ?? [])
        expect(genres.get(itemId)).toContain('Comedy');
      expect(a[1]?.error).toMatch(/\$GENRE/u);
      const [b] = await readOutput('genres-out/b.jsonl.out');
      for (const itemId of b?.output?.recommendedItems ?? [])
        expect(
          genres.get(itemId)?.some((genre) => genre === 'Horror' || genre === 'Thriller'),
        ).toBe(true);
    });

    it('SIMS lines take itemId (no scores); personalized-ranking lines take userId and itemList', async () => {
      await put('items.json', [{ itemId: '1' }, { itemId: '260' }]);
      await runJob('sims', simsVersion, 'items.json', 'sims-out/');
      const sims = await readOutput('sims-out/items.json.out');
      expect(sims[0]?.output?.recommendedItems).toHaveLength(25);
      expect(sims[0]?.output?.recommendedItems).not.toContain('1');
      expect(sims[0]?.output?.scores).toBeUndefined();
      const itemList = ['1', '2', '3', '260', 'unknown-film'];
      await put('rank.json', [{ userId: '1', itemList }]);
      await runJob('ranking', rankingVersion, 'rank.json', 'rank-out/');
      const [ranked] = await readOutput('rank-out/rank.json.out');
      expect(ranked?.output?.recommendedItems.slice().sort()).toEqual([...itemList].sort());
      expect(ranked?.output?.recommendedItems.at(-1)).toBe('unknown-film');
    });

    it('a 10,000-line job answers every line as GetRecommendations does, and the server answers requests while it runs', async () => {
      const { personalize, runtime } = shared.clients;
      const campaignArn = await deploy(shared.clients, 'batch-beside', upVersion);
      const users = [...watched.keys()];
      const lines = Array.from({ length: 10_000 }, (_, index) => ({
        userId: users[index % users.length] ?? '',
      }));
      await put('many/users.json', lines);
      // Loads the model and the group's data first: the job's own work is what runs beside requests.
      await runtime.send(new GetRecommendationsCommand({ campaignArn, userId: '1' }));
      const { batchInferenceJobArn = '' } = await personalize.send(
        new CreateBatchInferenceJobCommand({
          jobName: 'many-users',
          solutionVersionArn: upVersion,
          roleArn: ROLE,
          filterArn: unwatched,
          numResults: 10,
          jobInput: { s3DataSource: { path: `s3://${BUCKET}/many/users.json` } },
          jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/many-out/` } },
        }),
      );
      // Running and not yet written: the job's work is under way (its output file comes last).
      const working = async (): Promise<boolean> => {
        const { batchInferenceJob } = await personalize.send(
          new DescribeBatchInferenceJobCommand({ batchInferenceJobArn }),
        );
        const { KeyCount = 0 } = await shared.clients.s3.send(
          new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'many-out/' }),
        );
        return batchInferenceJob?.status === 'CREATE IN_PROGRESS' && KeyCount === 0;
      };
      const status = async (): Promise<string> =>
        (await personalize.send(new DescribeBatchInferenceJobCommand({ batchInferenceJobArn })))
          .batchInferenceJob?.status ?? '';
      // GetRecommendations answered between two looks that both saw the job at work.
      let answeredWhileRunning = 0;
      let wasWorking = await working();
      while (!['ACTIVE', 'CREATE FAILED'].includes(await status())) {
        const { itemList = [] } = await runtime.send(
          new GetRecommendationsCommand({ campaignArn, userId: '1', numResults: 5 }),
        );
        expect(itemList).toHaveLength(5);
        const isWorking = await working();
        if (wasWorking && isWorking) answeredWhileRunning++;
        wasWorking = isWorking;
      }
      expect(await status()).toBe('ACTIVE');
      // Without yielding to the event loop between lines, at most the looks around the start and the end count.
      expect(answeredWhileRunning).toBeGreaterThanOrEqual(10);
      const out = await readOutput('many-out/users.json.out');
      expect(out).toHaveLength(10_000);
      for (const index of [0, 1, 2, 333, users.length + 1, 9_999]) {
        const userId = users[index % users.length] ?? '';
        expect(out[index]?.input).toEqual({ userId });
        const { itemList = [] } = await runtime.send(
          new GetRecommendationsCommand({
            campaignArn,
            userId,
            filterArn: unwatched,
            numResults: 10,
          }),
        );
        expect(out[index]?.output).toEqual({
          recommendedItems: itemList.map((item) => item.itemId),
          scores: itemList.map((item) => item.score),
        });
      }
    });

    it('refuses an output path equal to the input path and numResults over 500; a missing input fails the job', async () => {
      const same = await caught(
        shared.clients.personalize.send(
          new CreateBatchInferenceJobCommand({
            jobName: 'same-path',
            solutionVersionArn: upVersion,
            roleArn: ROLE,
            jobInput: { s3DataSource: { path: `s3://${BUCKET}/in/` } },
            jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/in` } },
          }),
        ),
      );
      expect(same).toBeInstanceOf(InvalidInputException);
      expect(same.message).toMatch(/Invalid S3 output path/u);
      const tooMany = await caught(
        shared.clients.personalize.send(
          new CreateBatchInferenceJobCommand({
            jobName: 'too-many',
            solutionVersionArn: upVersion,
            roleArn: ROLE,
            numResults: 501,
            jobInput: { s3DataSource: { path: `s3://${BUCKET}/in/users.json` } },
            jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/x/` } },
          }),
        ),
      );
      expect(tooMany).toBeInstanceOf(InvalidInputException);
      const { arn, history } = await runJob(
        'missing-input',
        upVersion,
        'nothing-here.json',
        'missing-out/',
      );
      expect(history.at(-1)).toBe('CREATE FAILED');
      const { batchInferenceJob } = await shared.clients.personalize.send(
        new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: arn }),
      );
      expect(batchInferenceJob?.failureReason).toMatch(/No input file/u);
    });
  },
);
