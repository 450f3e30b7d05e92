/**
 * Amazon Personalize's limits and data rules, one definition each.
 *
 * Every constant cites where the service states it: a section of the emulator specification
 * (SPEC, which collects the Personalize developer guide's "Quotas", "Formatting your input
 * data" and API reference pages). The studio's own heuristics (e.g. when a string column
 * looks categorical) do not belong here: they live beside the code that applies them.
 */

// Ids and values (SPEC §4.2, §5.1, §9)

/**
 * Longest USER_ID / ITEM_ID / ACTION_ID value the service accepts, in characters.
 *
 * Source: SPEC §4.2 ("USER_ID, ITEM_ID, ACTION_ID values: max 256 chars"), §5.1 and §9 ("Id
 * length"). A longer id in a CSV fails the import job; a longer `userId` / `itemId` in a runtime
 * call fails with `InvalidInputException` (SPEC §3.1).
 */
export const MAX_ID_LENGTH = 256;

/**
 * Longest categorical or impression value, in characters, the `|` separators included.
 *
 * Source: SPEC §5.1 and §9 ("Categorical / impression value length"). An Interactions or Items
 * row over the limit fails the import job; for Users the current guide says such users are
 * dropped.
 */
export const MAX_CATEGORICAL_LENGTH = 1000;

/**
 * Longest textual value (Items), in characters; longer values are truncated, not rejected.
 *
 * Source: SPEC §5.1 ("Textual values: at most 20,000 characters"). See
 * {@link MAX_TEXTUAL_LENGTH_ZH_JA} for Chinese and Japanese text.
 */
export const MAX_TEXTUAL_LENGTH = 20_000;

/**
 * Longest textual value in Chinese or Japanese, in characters (truncated above).
 *
 * Source: SPEC §5.1 ("7,000 for Chinese/Japanese").
 */
export const MAX_TEXTUAL_LENGTH_ZH_JA = 7000;

/**
 * Epoch values above this look like milliseconds, not seconds (10^11 s is the year 5138).
 *
 * Source: SPEC §5.1 (timestamps are Unix epoch seconds; "Values that look like milliseconds
 * (> 10^11) are accepted by AWS as-is but put events far in the future - the app SHOULD warn").
 */
export const MILLISECONDS_THRESHOLD = 1e11;

// Import jobs and training (SPEC §5.2, §5.5, §9)

/**
 * Fewest records an Interactions import job accepts (FULL and INCREMENTAL alike).
 *
 * Source: SPEC §5.2 (">= 1000 records per job") and §9 ("Min interaction records per
 * Interactions import"). Fewer records fail the job (SPEC §5.4: `Input CSV has <n> records; at
 * least 1000 are required.`).
 */
export const MIN_IMPORT_INTERACTIONS = 1000;

/**
 * Fewest interactions (bulk plus events, after filtering by `eventType`) a solution version
 * needs to train.
 *
 * Source: SPEC §5.5 and §9 ("Min data to train"); fewer fail the version with `Create failed.
 * Dataset has fewer than 1000 interactions.`
 */
export const MIN_TRAINING_INTERACTIONS = 1000;

/**
 * Interactions a user needs to count towards {@link MIN_USERS_WITH_TWO_INTERACTIONS} and
 * {@link MIN_SHARE_OF_USERS_WITH_TWO_INTERACTIONS}.
 *
 * Source: SPEC §5.5 ("users with at least 2 interactions each").
 */
export const MIN_INTERACTIONS_PER_ACTIVE_USER = 2;

/**
 * Fewest distinct users with at least {@link MIN_INTERACTIONS_PER_ACTIVE_USER} interactions
 * that training needs.
 *
 * Source: SPEC §5.5 and §9; fewer fail the version with `Create failed. Dataset has fewer than
 * 25 users with at least 2 interactions each.`
 */
export const MIN_USERS_WITH_TWO_INTERACTIONS = 25;

/**
 * Smallest share (0..1) of all users that must have at least
 * {@link MIN_INTERACTIONS_PER_ACTIVE_USER} interactions for training.
 *
 * Source: SPEC §5.5 ("Current quotas also require that at least 1% of all users have 2 or more
 * interactions") and §9.
 */
export const MIN_SHARE_OF_USERS_WITH_TWO_INTERACTIONS = 0.01;

// Schemas (SPEC §4.2, §9)

/**
 * Most metadata (contextual) fields of an Interactions schema, reserved fields excluded.
 *
 * Source: SPEC §4.2 (Interactions "Metadata limits") and §9 ("Interactions metadata columns").
 */
export const MAX_INTERACTIONS_METADATA_FIELDS = 5;

/**
 * Most distinct event types in the Interactions data plus optional columns (EVENT_TYPE and
 * EVENT_VALUE included).
 *
 * Source: SPEC §4.2 ("distinct event types in the data + optional columns (incl. EVENT_TYPE,
 * EVENT_VALUE) <= 10") and §9. Over it: `InvalidInputException` or a failed import job.
 */
export const MAX_EVENT_TYPES_AND_OPTIONAL_COLUMNS = 10;

/**
 * Most metadata fields of a Users schema (5 before 2024).
 *
 * Source: SPEC §4.2 and §9 ("Users metadata fields"); more: `InvalidInputException`.
 */
export const MAX_USERS_METADATA_FIELDS = 25;

/**
 * Most metadata fields of an Items schema (50 before).
 *
 * Source: SPEC §4.2 and §9 ("Items metadata fields"); more: `InvalidInputException`.
 */
export const MAX_ITEMS_METADATA_FIELDS = 100;

/**
 * Most `textual` fields of an Items schema (textual fields exist only in Items).
 *
 * Source: SPEC §4.2 ("At most 1 textual field") and §9.
 */
export const MAX_TEXTUAL_FIELDS = 1;

// Resource names and ARNs (SPEC §2.1)

/**
 * Pattern of the `name` / `jobName` of every Personalize resource, as the service's model
 * writes it (anchored at the start only).
 *
 * Source: SPEC §2.1 ("name/jobName pattern `^[a-zA-Z0-9][a-zA-Z0-9\-_]*`, length 1..63").
 * A name that does not match fails with `InvalidInputException`. Use
 * {@link RESOURCE_NAME_REGEX} to check a whole name.
 */
export const RESOURCE_NAME_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*';

/**
 * {@link RESOURCE_NAME_PATTERN} anchored at both ends: a whole valid name (length checked
 * separately with {@link MAX_RESOURCE_NAME_LENGTH}).
 */
export const RESOURCE_NAME_REGEX = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/u;

/**
 * Shortest resource `name` / `jobName`, in characters.
 *
 * Source: SPEC §2.1 ("length 1..63").
 */
export const MIN_RESOURCE_NAME_LENGTH = 1;

/**
 * Longest resource `name` / `jobName`, in characters.
 *
 * Source: SPEC §2.1 ("length 1..63").
 */
export const MAX_RESOURCE_NAME_LENGTH = 63;

/**
 * Pattern of a Personalize ARN member, as the service's model writes it.
 *
 * Source: SPEC §2.1 (`arn:([a-z\d-]+):personalize:.*:.*:.+`, max 256); a mismatch fails with
 * `InvalidInputException`.
 */
export const PERSONALIZE_ARN_PATTERN = 'arn:([a-z\\d-]+):personalize:.*:.*:.+';

/**
 * Longest ARN member (Personalize and IAM role ARNs alike), in characters.
 *
 * Source: SPEC §2.1 and the operation tables of §2 (`len 0..256`).
 */
export const MAX_ARN_LENGTH = 256;

// Campaigns and runtime (SPEC §2.15, §3.1, §3.2, §9)

/**
 * Smallest `minProvisionedTPS` of a campaign, and its default; there is no documented maximum
 * (capacity auto-scales above it).
 *
 * Source: SPEC §2.15 (CreateCampaign / UpdateCampaign: "integer >= 1") and §9; smaller values
 * fail with `InvalidInputException`.
 */
export const MIN_PROVISIONED_TPS = 1;

/**
 * Largest `numResults` of GetRecommendations.
 *
 * Source: SPEC §3.1 rule 4 and §9 ("numResults (GetRecommendations) 0..500"); larger values fail
 * with `InvalidInputException`. With `metadataColumns` the maximum is
 * {@link MAX_NUM_RESULTS_WITH_METADATA}.
 */
export const MAX_NUM_RESULTS = 500;

/**
 * Largest `numResults` of GetRecommendations when `metadataColumns` is given.
 *
 * Source: SPEC §3.1 rule 4 and §9 ("50 with metadata").
 */
export const MAX_NUM_RESULTS_WITH_METADATA = 50;

/**
 * `numResults` of GetRecommendations when the request omits it.
 *
 * Source: SPEC §3.1 rule 4 ("numResults: default 25") and §9.
 */
export const DEFAULT_NUM_RESULTS = 25;

/**
 * Most items in the `inputList` of GetPersonalizedRanking (50 with metadata columns).
 *
 * Source: SPEC §9 ("inputList (GetPersonalizedRanking) 500 items"); more fail with
 * `InvalidInputException`.
 */
export const MAX_RANKING_INPUT_LIST = 500;

// Filters (SPEC §2.16, §9)

/**
 * Longest filter expression, in characters.
 *
 * Source: SPEC §2.16 (CreateFilter: "`filterExpression` (1..2500 chars)").
 */
export const MAX_FILTER_EXPRESSION_LENGTH = 2500;

/**
 * Most distinct dataset fields one filter expression may reference.
 *
 * Source: SPEC §2.16 and §9 ("Distinct dataset fields per filter / per dataset group: 10 / 20").
 */
export const MAX_FIELDS_PER_FILTER = 10;

/**
 * Most distinct dataset fields all filters of one dataset group may reference together.
 *
 * Source: SPEC §2.16 and §9; more fail CreateFilter with `LimitExceededException`.
 */
export const MAX_FILTER_FIELDS_PER_DATASET_GROUP = 20;

// Quotas of resources (SPEC §9)

/**
 * Most filters per dataset group (adjustable quota).
 *
 * Source: SPEC §2.16 and §9 ("Filters per dataset group"); more: `LimitExceededException`.
 */
export const MAX_FILTERS_PER_DATASET_GROUP = 10;

/**
 * Most active campaigns per dataset group (adjustable quota).
 *
 * Source: SPEC §9 ("Active campaigns per dataset group"); more: `LimitExceededException`.
 */
export const MAX_CAMPAIGNS_PER_DATASET_GROUP = 5;

/**
 * Most dataset import jobs pending or in progress per region.
 *
 * Source: SPEC §9; more: `LimitExceededException`.
 */
export const MAX_RUNNING_IMPORT_JOBS = 5;

/**
 * Most solution versions pending or in progress per region (adjustable quota).
 *
 * Source: SPEC §9; more: `LimitExceededException`.
 */
export const MAX_RUNNING_SOLUTION_VERSIONS = 20;

/**
 * Most events in one PutEvents call.
 *
 * Source: SPEC §9 ("PutEvents per dataset group: ... 10 events per call, 10 KB per event");
 * more: `InvalidInputException`.
 */
export const MAX_EVENTS_PER_PUT_EVENTS = 10;

/**
 * The AWS Regions that offer Amazon Personalize. Source: AWS General Reference, "Amazon
 * Personalize endpoints and quotas" (service endpoints table), read December 2026; GovCloud
 * (US-West) from the same page's GovCloud note. A workspace's region must be one of these.
 */
export const PERSONALIZE_REGIONS: readonly string[] = [
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
];
