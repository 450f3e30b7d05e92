import { describe, expect, it } from 'vitest';
import { UserIdSchema } from './ids.js';
import * as limits from './limits.js';

describe('Personalize limits', () => {
  it('pins the values of SPEC §2.1, §3.1, §4.2, §5.1, §5.2, §5.5 and §9', () => {
    expect({ ...limits }).toEqual({
      MAX_ID_LENGTH: 256,
      MAX_CATEGORICAL_LENGTH: 1000,
      MAX_TEXTUAL_LENGTH: 20_000,
      MAX_TEXTUAL_LENGTH_ZH_JA: 7000,
      MILLISECONDS_THRESHOLD: 100_000_000_000,
      MIN_IMPORT_INTERACTIONS: 1000,
      MIN_TRAINING_INTERACTIONS: 1000,
      MIN_INTERACTIONS_PER_ACTIVE_USER: 2,
      MIN_USERS_WITH_TWO_INTERACTIONS: 25,
      MIN_SHARE_OF_USERS_WITH_TWO_INTERACTIONS: 0.01,
      MAX_INTERACTIONS_METADATA_FIELDS: 5,
      MAX_EVENT_TYPES_AND_OPTIONAL_COLUMNS: 10,
      MAX_USERS_METADATA_FIELDS: 25,
      MAX_ITEMS_METADATA_FIELDS: 100,
      MAX_TEXTUAL_FIELDS: 1,
      RESOURCE_NAME_PATTERN: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*',
      RESOURCE_NAME_REGEX: /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/u,
      MIN_RESOURCE_NAME_LENGTH: 1,
      MAX_RESOURCE_NAME_LENGTH: 63,
      PERSONALIZE_ARN_PATTERN: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
      PERSONALIZE_REGIONS: [
        'us-east-1',
        'us-east-2',
        'us-west-2',
        'ap-south-1',
        'ap-northeast-1',
        'ap-northeast-2',
        'ap-southeast-1',
        'ap-southeast-2',
        'ca-central-1',
        'eu-west-1',
        'eu-central-1',
        'cn-north-1',
        'us-gov-west-1',
      ],
      MAX_ARN_LENGTH: 256,
      MIN_PROVISIONED_TPS: 1,
      MAX_NUM_RESULTS: 500,
      MAX_NUM_RESULTS_WITH_METADATA: 50,
      DEFAULT_NUM_RESULTS: 25,
      MAX_RANKING_INPUT_LIST: 500,
      MAX_FILTER_EXPRESSION_LENGTH: 2500,
      MAX_FIELDS_PER_FILTER: 10,
      MAX_FILTER_FIELDS_PER_DATASET_GROUP: 20,
      MAX_FILTERS_PER_DATASET_GROUP: 10,
      MAX_CAMPAIGNS_PER_DATASET_GROUP: 5,
      MAX_RUNNING_IMPORT_JOBS: 5,
      MAX_RUNNING_SOLUTION_VERSIONS: 20,
      MAX_EVENTS_PER_PUT_EVENTS: 10,
    });
  });

  it('accepts the resource names the service accepts and no others', () => {
    for (const name of ['a', 'poc-studio_1', 'A1-b_c', 'x'.repeat(63)])
      expect(limits.RESOURCE_NAME_REGEX.test(name)).toBe(true);
    for (const name of ['', '-a', '_a', 'a b', 'a.b', 'é'])
      expect(limits.RESOURCE_NAME_REGEX.test(name)).toBe(false);
    // The service's own pattern is anchored at the start only.
    expect(new RegExp(limits.RESOURCE_NAME_PATTERN, 'u').test('a.b')).toBe(true);
    expect(new RegExp(limits.RESOURCE_NAME_PATTERN, 'u').test('.a')).toBe(false);
  });
});

describe('UserIdSchema', () => {
  it('accepts 1..256 characters', () => {
    expect(UserIdSchema.parse('1')).toBe('1');
    expect(UserIdSchema.parse('u'.repeat(256))).toHaveLength(256);
  });

  it('says what is wrong with an empty or a 257-character id', () => {
    const empty = UserIdSchema.safeParse('');
    expect(empty.success).toBe(false);
    expect(empty.error?.issues.map((issue) => issue.message)).toEqual(['Enter a user id.']);
    const long = UserIdSchema.safeParse('u'.repeat(257));
    expect(long.error?.issues.map((issue) => issue.message)).toEqual([
      'A user id has at most 256 characters.',
    ]);
  });
});
