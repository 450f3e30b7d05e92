/**
 * Batch segment jobs through the real AWS SDK against a started sandbox, on the POC MovieLens
 * files (SPEC §2.19): aws-item-affinity and aws-item-attribute-affinity versions train; JSON Lines
 * input per recipe (`{"itemId"}` / `{"itemAttributes"}`), `<input file name>.out` under the
 * output path with `recommendedUsers` (or `error`) per line, numResults and a UserID filter
 * honoured, the path and recipe rules and the status cycle; Describe and List like the service.
 */
import {
  CreateBatchSegmentJobCommand,
  CreateCampaignCommand,
  DescribeBatchSegmentJobCommand,
  InvalidInputException,
  ListBatchSegmentJobsCommand,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient, PutUsersCommand } from '@aws-sdk/client-personalize-events';
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
  trainVersion,
  type PocGroup,
} from './test-support/poc-group.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const { interactionsPath, itemsPath, missing } = pocFiles();

const caught = caughtAs(PersonalizeServiceException);
const shared = useSharedSandbox();
const ROLE = BATCH_ROLE;
const BUCKET = 'segment-poc-data';

let group: PocGroup;
let affinityVersion = '';
let attributeVersion = '';
let upVersion = '';
let goldOnly = '';
/** Each user's interacted items (both event types), from the interactions file. */
const history = new Map<string, string[]>();
const genres = new Map<string, string[]>();
/** The 20 users sent as MEMBERSHIP gold through PutUsers. */
const goldUsers = Array.from({ length: 20 }, (_, index) => String(index * 7 + 3));

interface SegmentLine {
  input?: Record<string, unknown> | string;
  itemAttributes?: string;
  output?: { recommendedUsers: string[] };
  error?: string;
}

async function put(key: string, lines: readonly (string | Record<string, unknown>)[]) {
  await putJsonLines(shared.clients.s3, BUCKET, key, lines);
}

function runSegmentJob(
  jobName: string,
  solutionVersionArn: string,
  input: string,
  output: string,
  extra: { filterArn?: string; numResults?: number } = {},
): Promise<{ arn: string; statuses: string[] }> {
  return runBatchJob(shared.clients.personalize, 'segment', BUCKET, {
    jobName,
    solutionVersionArn,
    input,
    output,
    ...extra,
  });
}

async function readOutput(key: string): Promise<SegmentLine[]> {
  return readJsonLines<SegmentLine>(shared.clients.s3, BUCKET, key);
}

/** Mean share of the users' interactions that fall on items of `genre`. */
function genreShare(users: readonly string[], genre: string): number {
  let sum = 0;
  for (const userId of users) {
    const items = history.get(userId) ?? [];
    const hits = items.filter((itemId) => genres.get(itemId)?.includes(genre)).length;
    sum += items.length > 0 ? hits / items.length : 0;
  }
  return sum / users.length;
}

describe.skipIf(missing)(
  `batch segment jobs through the AWS SDK ${missing ? missingDataReason(POC_INTERACTIONS) : ''}`,
  () => {
    beforeAll(async () => {
      for (const [userId, items] of itemsByUser(interactionsPath ?? '')) history.set(userId, items);
      for (const [itemId, itemGenres] of genresByItem(itemsPath ?? ''))
        genres.set(itemId, itemGenres);
      const clients = shared.clients;
      group = await createPocGroup(
        clients,
        'segment-poc',
        { interactions: interactionsPath ?? '', items: itemsPath ?? '' },
        BUCKET,
      );
      [affinityVersion, attributeVersion, upVersion] = await Promise.all([
        trainVersion(clients, group.datasetGroupArn, 'aws-item-affinity'),
        trainVersion(clients, group.datasetGroupArn, 'aws-item-attribute-affinity'),
        trainVersion(clients, group.datasetGroupArn, 'aws-user-personalization'),
      ]);
      const events = new PersonalizeEventsClient({
        region: 'us-east-1',
        endpoint: shared.sandbox.endpoint,
        credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      });
      for (let start = 0; start < goldUsers.length; start += 10)
        await events.send(
          new PutUsersCommand({
            datasetArn: group.usersDatasetArn,
            users: goldUsers.slice(start, start + 10).map((userId) => ({
              userId,
              properties: JSON.stringify({ membership: 'gold' }),
            })),
          }),
        );
      goldOnly = await createActiveFilter(
        clients,
        group.datasetGroupArn,
        'segment-tier',
        'INCLUDE UserID WHERE Users.MEMBERSHIP IN ($TIER)',
      );
    });

    it('item-affinity: users per itemId line, numResults honoured, bad lines get an error, status cycle', async () => {
      await put('in/items.json', [{ itemId: '1' }, { itemId: '260' }, 'not json', { userId: '1' }]);
      const { arn, statuses } = await runSegmentJob(
        'items-segment',
        affinityVersion,
        'in/items.json',
        'out/',
        { numResults: 40 },
      );
      expect(statuses.at(-1)).toBe('ACTIVE');
      expect(statuses).toContain('CREATE IN_PROGRESS');
      expect(
        ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'].filter((s) => statuses.includes(s)),
      ).toEqual(statuses);
      const lines = await readOutput('out/items.json.out');
      expect(lines).toHaveLength(4);
      const [toyStory, starWars] = lines;
      expect(toyStory?.input).toEqual({ itemId: '1' });
      expect(starWars?.input).toEqual({ itemId: '260' });
      for (const line of [toyStory, starWars]) {
        const users = line?.output?.recommendedUsers ?? [];
        expect(users).toHaveLength(40);
        expect(new Set(users).size).toBe(40);
        for (const userId of users) expect(history.has(userId)).toBe(true);
      }
      // Toy Story's segment leans to animation (measured 0.115 of their history against 0.073
      // for all users), Star Wars' to sci-fi (0.195 against 0.173).
      const everyone = [...history.keys()];
      const toyUsers = toyStory?.output?.recommendedUsers ?? [];
      const starUsers = starWars?.output?.recommendedUsers ?? [];
      expect(genreShare(toyUsers, 'Animation')).toBeGreaterThan(
        1.4 * genreShare(everyone, 'Animation'),
      );
      expect(genreShare(starUsers, 'Sci-Fi')).toBeGreaterThan(genreShare(everyone, 'Sci-Fi'));
      expect(toyUsers).not.toEqual(starUsers);
      expect(lines[2]).toEqual({ input: 'not json', error: 'This line is not a JSON object.' });
      expect(lines[3]?.input).toEqual({ userId: '1' });
      expect(lines[3]?.error).toMatch(/itemId/u);
      const { batchSegmentJob } = await shared.clients.personalize.send(
        new DescribeBatchSegmentJobCommand({ batchSegmentJobArn: arn }),
      );
      expect(batchSegmentJob).toMatchObject({
        jobName: 'items-segment',
        solutionVersionArn: affinityVersion,
        numResults: 40,
        roleArn: ROLE,
        jobInput: { s3DataSource: { path: `s3://${BUCKET}/in/items.json` } },
        jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/out/` } },
        status: 'ACTIVE',
      });
      const { batchSegmentJobs = [] } = await shared.clients.personalize.send(
        new ListBatchSegmentJobsCommand({ solutionVersionArn: affinityVersion }),
      );
      expect(batchSegmentJobs.map((job) => job.batchSegmentJobArn)).toEqual([arn]);
    });

    it('item-attribute-affinity: itemAttributes lines keyed as the service writes them; a UserID filter with filterValues', async () => {
      const comedyAction = 'ITEMS.GENRE = "Comedy" AND ITEMS.GENRE = "Action"';
      await put('attributes/a.jsonl', [
        { itemAttributes: comedyAction },
        { itemAttributes: 'ITEMS.GENRE = "Horror"', filterValues: { TIER: '"gold"' } },
        { itemAttributes: 'ITEMS.GENRE IN' },
        { itemAttributes: 'ITEMS.COLOUR = "red"' },
      ]);
      await put('attributes/b.jsonl', [{ itemAttributes: 'items.genre = "Documentary"' }]);
      await runSegmentJob('attributes', attributeVersion, 'attributes/', 'attributes-out/', {
        filterArn: goldOnly,
        numResults: 30,
      });
      const { Contents = [] } = await shared.clients.s3.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'attributes-out/' }),
      );
      expect(Contents.map((object) => object.Key).sort()).toEqual([
        'attributes-out/a.jsonl.out',
        'attributes-out/b.jsonl.out',
      ]);
      const [both, horror, broken, colour] = await readOutput('attributes-out/a.jsonl.out');
      expect(colour?.error).toMatch(/no column COLOUR \(columns: ITEM_ID, GENRE, YEAR\)/u);
      // An INCLUDE filter without its value fails the line (SPEC §8.5), like batch inference.
      expect(Object.keys(both ?? {}).sort()).toEqual(['error', 'itemAttributes']);
      expect(both?.itemAttributes).toBe(comedyAction);
      expect(both?.error).toMatch(/\$TIER/u);
      expect(horror?.itemAttributes).toBe('ITEMS.GENRE = "Horror"');
      const horrorUsers = horror?.output?.recommendedUsers ?? [];
      expect(horrorUsers.slice().sort()).toEqual(goldUsers.slice().sort());
      expect(broken?.itemAttributes).toBe('ITEMS.GENRE IN');
      expect(broken?.error).toMatch(/^itemAttributes: /u);
      expect(broken?.output).toBeUndefined();
      const [documentary] = await readOutput('attributes-out/b.jsonl.out');
      expect(documentary?.error).toMatch(/\$TIER/u);

      // Without the filter: the Horror segment leans to horror watchers.
      await put('horror.json', [{ itemAttributes: 'ITEMS.GENRE = "Horror"' }]);
      await runSegmentJob('horror', attributeVersion, 'horror.json', 'horror-out/', {
        numResults: 50,
      });
      const [unfiltered] = await readOutput('horror-out/horror.json.out');
      const users = unfiltered?.output?.recommendedUsers ?? [];
      expect(users).toHaveLength(50);
      expect(genreShare(users, 'Horror')).toBeGreaterThan(
        2 * genreShare([...history.keys()], 'Horror'),
      );
      // The gold users' order in the filtered segment is their order in the unfiltered ranking.
      const everyoneRanked = (
        await (async () => {
          await runSegmentJob('horror-all', attributeVersion, 'horror.json', 'horror-all/', {
            numResults: 610,
          });
          return readOutput('horror-all/horror.json.out');
        })()
      )[0]?.output?.recommendedUsers;
      expect(everyoneRanked).toHaveLength(610);
      expect(horrorUsers).toEqual((everyoneRanked ?? []).filter((u) => goldUsers.includes(u)));
    });

    it('refuses non-segmentation versions, an output path equal to the input path and numResults below 1; a file over the line limit fails the job', async () => {
      const send = (
        input: Partial<ConstructorParameters<typeof CreateBatchSegmentJobCommand>[0]>,
      ) =>
        caught(
          shared.clients.personalize.send(
            new CreateBatchSegmentJobCommand({
              jobName: 'refused',
              solutionVersionArn: affinityVersion,
              roleArn: ROLE,
              jobInput: { s3DataSource: { path: `s3://${BUCKET}/in/` } },
              jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/elsewhere/` } },
              ...input,
            }),
          ),
        );
      const wrongRecipe = await send({ solutionVersionArn: upVersion });
      expect(wrongRecipe).toBeInstanceOf(InvalidInputException);
      expect(wrongRecipe.message).toMatch(/USER_SEGMENTATION/u);
      const same = await send({
        jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/in` } },
      });
      expect(same).toBeInstanceOf(InvalidInputException);
      expect(same.message).toMatch(/Invalid S3 output path/u);
      const none = await send({ numResults: 0 });
      expect(none).toBeInstanceOf(InvalidInputException);
      // Segmentation versions deploy to no campaign (SPEC §2.19).
      const campaign = await caught(
        shared.clients.personalize.send(
          new CreateCampaignCommand({ name: 'segments', solutionVersionArn: affinityVersion }),
        ),
      );
      expect(campaign).toBeInstanceOf(InvalidInputException);

      await put(
        'many.json',
        Array.from({ length: 11 }, (_, index) => ({
          itemAttributes: `ITEMS.YEAR = "${1990 + index}"`,
        })),
      );
      const { arn, statuses } = await runSegmentJob('many', attributeVersion, 'many.json', 'many/');
      expect(statuses.at(-1)).toBe('CREATE FAILED');
      const { batchSegmentJob } = await shared.clients.personalize.send(
        new DescribeBatchSegmentJobCommand({ batchSegmentJobArn: arn }),
      );
      expect(batchSegmentJob?.failureReason).toMatch(
        /11 lines; aws-item-attribute-affinity takes at most 10/u,
      );
    });
  },
);
