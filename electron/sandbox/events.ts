/**
 * The events API of the sandbox (SPEC §3.4, §3.5): PutEvents through an event tracker's
 * tracking id, PutItems and PutUsers on a dataset. A call is checked whole before anything is
 * applied (an invalid event or record rejects the call and changes nothing); accepted data is
 * visible at once to filters and to the next recommendations (see `events-store.ts`).
 */
import { STATUS } from '../../shared/personalize.js';
import type { FilterColumn } from '../../shared/rules/filter-expression.js';
import { ServiceError, invalidInput, notFound } from './errors.js';
import type { EventRecord, GroupData, GroupDataCache } from './events-store.js';
import { FILTER_DATASET_OF_TYPE } from './events-store.js';
import type { DatasetResource } from './resources.js';
import type { SandboxStore } from './store.js';

/**
 * A PutEvents record as stored: the Interactions record with the event's other schema columns
 * (`properties` keys, `IMPRESSION`, `RECOMMENDATION_ID`, `EVENT_ATTRIBUTION_SOURCE`), by schema
 * column name, values as cell text (SPEC §3.4), so that the dataset keeps them like imported rows.
 */
export interface StoredEventRecord extends EventRecord {
  readonly columns?: Readonly<Record<string, string>>;
}

/** Largest event, in bytes of its JSON form (SPEC §3.4 "Event size max 10 KB", §9). */
export const MAX_EVENT_BYTES = 10 * 1024;

/** `properties` keys PutEvents forbids, lower-case (SPEC §3.4). */
const FORBIDDEN_EVENT_KEYS = new Set([
  'userid',
  'sessionid',
  'eventtype',
  'timestamp',
  'recommendationid',
  'impression',
]);

/** Interactions columns filled from Event members, not from `properties`. */
const RESERVED_INTERACTION_COLUMNS = new Set([
  'USER_ID',
  'ITEM_ID',
  'TIMESTAMP',
  'EVENT_TYPE',
  'EVENT_VALUE',
  'IMPRESSION',
  'RECOMMENDATION_ID',
  'EVENT_ATTRIBUTION_SOURCE',
]);

/**
 * The camelCase key of a schema column (SPEC §3.4): lower-case it, then drop each `_` and
 * upper-case the character after it (`NUMBER_OF_RATINGS` → `numberOfRatings`).
 */
export function camelCaseKey(column: string): string {
  return column.toLowerCase().replace(/_(.)/gu, (_, char: string) => char.toUpperCase());
}

function parseProperties(text: unknown, where: string): Record<string, unknown> {
  if (text === undefined) return {};
  if (typeof text !== 'string') throw invalidInput(`${where} must be a JSON object string.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidInput(
      `${where} is not valid JSON: write a JSON object such as {"numberOfRatings": 3}.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw invalidInput(`${where} must be a JSON object, e.g. {"numberOfRatings": 3}.`);
  return parsed as Record<string, unknown>;
}

/** Schema column of a `properties` key: camelCase or the exact column name (SPEC §3.4). */
function columnOfKey(columns: readonly FilterColumn[], key: string): FilterColumn | undefined {
  return columns.find((column) => column.name === key || camelCaseKey(column.name) === key);
}

/** The cell text of a property value for `column`, or a reason it does not fit. */
function cellOf(column: FilterColumn, value: unknown): string | { problem: string } {
  if (value === null) return '';
  switch (column.type) {
    case 'int':
    case 'long':
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
      return { problem: `must be an integer (${column.name} is ${column.type})` };
    case 'float':
    case 'double':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return { problem: `must be a number (${column.name} is ${column.type})` };
    case 'boolean':
      if (typeof value === 'boolean') return String(value);
      return { problem: `must be true or false (${column.name} is boolean)` };
    default:
      if (typeof value === 'string') return value;
      return {
        problem: `must be a string (${column.name} is string${column.isCategorical ? ', categorical values joined with |' : ''})`,
      };
  }
}

/** The Interactions columns an event fills from its own members (SPEC §3.4), as cell text. */
function memberColumns(event: Readonly<Record<string, unknown>>): [string, string][] {
  const out: [string, string][] = [];
  const impression = event.impression;
  if (Array.isArray(impression) && impression.length > 0)
    out.push(['IMPRESSION', impression.map(String).join('|')]);
  if (typeof event.recommendationId === 'string' && event.recommendationId !== '')
    out.push(['RECOMMENDATION_ID', event.recommendationId]);
  const attribution = event.metricAttribution as Record<string, unknown> | undefined;
  if (typeof attribution?.eventAttributionSource === 'string')
    out.push(['EVENT_ATTRIBUTION_SOURCE', attribution.eventAttributionSource]);
  return out;
}

function epochSecondsOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const asNumber = Number(value);
    if (value.trim() !== '' && Number.isFinite(asNumber)) return asNumber;
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed / 1000;
  }
  return undefined;
}

/** The events operations over a store and its {@link GroupDataCache}. */
export class EventsService {
  /** Serves `store`, indexing through `cache`. */
  constructor(
    private readonly store: SandboxStore,
    private readonly cache: GroupDataCache,
  ) {}

  /**
   * PutEvents (SPEC §3.4): each event becomes one Interactions record (`USER_ID` = userId, or
   * the sessionId for an anonymous session; once a call carries both, the session's earlier
   * anonymous events move to the user). `itemId` top level or in `properties`.
   *
   * @throws ServiceError `InvalidInputException` (PutEvents models only that error): unknown or
   *   not ACTIVE tracking id, no Interactions dataset, an event without itemId, over 10 KB,
   *   `properties` not a JSON object, a forbidden or unknown property key, a value of the wrong type.
   */
  async putEvents(body: Readonly<Record<string, unknown>>): Promise<void> {
    const tracker = this.store
      .list('modelled')
      .find(
        (resource) =>
          resource.type === 'event-tracker' && resource.fields.trackingId === body.trackingId,
      );
    if (tracker?.status !== STATUS.active)
      throw invalidInput(
        tracker === undefined
          ? `No event tracker has the tracking id ${String(body.trackingId)}.`
          : `Event tracker ${tracker.arn} is ${tracker.status}: send events once it is ACTIVE.`,
      );
    let data = await this.cache.get(tracker.parentArn);
    const dataset = data.datasets.get('INTERACTIONS');
    if (dataset === undefined)
      throw invalidInput(
        `Dataset group ${tracker.parentArn} has no Interactions dataset: create one before sending events.`,
      );
    const columns = data.schemaContext.datasets.Interactions ?? [];
    const sessionId = String(body.sessionId);
    const userId = typeof body.userId === 'string' ? body.userId : undefined;
    const events = Array.isArray(body.eventList) ? (body.eventList as unknown[]) : [];
    const receivedAtMs = Date.now();
    const records: StoredEventRecord[] = events.map((raw, index) => {
      const where = `eventList.${index + 1}`;
      const event = raw as Record<string, unknown>;
      if (Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES)
        throw invalidInput(`${where} is larger than 10 KB.`);
      const properties = parseProperties(event.properties, `${where}.properties`);
      let itemId =
        typeof event.itemId === 'string' && event.itemId !== '' ? event.itemId : undefined;
      const stored: Record<string, string> = {};
      for (const [key, value] of Object.entries(properties)) {
        if (FORBIDDEN_EVENT_KEYS.has(key.toLowerCase()))
          throw invalidInput(
            `${where}.properties may not contain ${key}: send it as the event's own member.`,
          );
        if (key === 'itemId') {
          if (typeof value !== 'string' || value === '')
            throw invalidInput(`${where}.properties.itemId must be a non-empty string.`);
          itemId ??= value;
          continue;
        }
        const column = columnOfKey(columns, key);
        if (column === undefined || RESERVED_INTERACTION_COLUMNS.has(column.name)) {
          const names = columns
            .filter((entry) => !RESERVED_INTERACTION_COLUMNS.has(entry.name))
            .map((entry) => camelCaseKey(entry.name));
          throw invalidInput(
            `${where}.properties key ${key} maps to no column of the Interactions schema${names.length > 0 ? ` (keys: ${names.join(', ')})` : ''}.`,
          );
        }
        const cell = cellOf(column, value);
        if (typeof cell !== 'string')
          throw invalidInput(`${where}.properties.${key} ${cell.problem}.`);
        if (cell !== '') stored[column.name] = cell;
      }
      for (const [name, cell] of memberColumns(event))
        if (columns.some((column) => column.name === name)) stored[name] = cell;
      if (itemId === undefined)
        throw invalidInput(`${where} has no itemId: set itemId, or itemId in properties.`);
      const sentAt = epochSecondsOf(event.sentAt);
      if (sentAt === undefined) throw invalidInput(`${where}.sentAt must be a timestamp.`);
      const eventValue = event.eventValue;
      return {
        userId: userId ?? sessionId,
        itemId,
        timestamp: Math.floor(sentAt),
        eventType: String(event.eventType),
        ...(typeof eventValue === 'number' ? { eventValue } : {}),
        receivedAtMs,
        sessionId,
        ...(Object.keys(stored).length > 0 ? { columns: stored } : {}),
      };
    });
    if (userId !== undefined && userId !== sessionId)
      data = await this.cache.adoptSession(data, dataset, sessionId, userId);
    await this.cache.appendInteractions(data, dataset, records);
  }

  /**
   * PutItems (SPEC §3.5): upserts Items rows by id.
   *
   * @throws ServiceError `ResourceNotFoundException` (404: dataset), `InvalidInputException`
   *   (not an Items dataset, bad `properties`, unknown key, wrong value type, missing required
   *   column), `ResourceInUseException` (409: dataset not ACTIVE).
   */
  async putItems(body: Readonly<Record<string, unknown>>): Promise<void> {
    await this.putRows(body, 'ITEMS', 'items', 'itemId');
  }

  /** PutUsers (SPEC §3.5): as {@link putItems} for a Users dataset (`users`, `userId`). */
  async putUsers(body: Readonly<Record<string, unknown>>): Promise<void> {
    await this.putRows(body, 'USERS', 'users', 'userId');
  }

  private async putRows(
    body: Readonly<Record<string, unknown>>,
    datasetType: 'ITEMS' | 'USERS',
    listMember: 'items' | 'users',
    idMember: 'itemId' | 'userId',
  ): Promise<void> {
    const dataset = this.requireDataset(body.datasetArn, datasetType);
    const data: GroupData = await this.cache.get(dataset.datasetGroupArn);
    const filterName = FILTER_DATASET_OF_TYPE[datasetType] ?? 'Items';
    const columns = data.schemaContext.datasets[filterName] ?? [];
    const schema = this.store.get('schema', dataset.schemaArn);
    const required = new Set(schema ? requiredColumns(schema.schema) : []);
    const idColumn = datasetType === 'ITEMS' ? 'ITEM_ID' : 'USER_ID';
    const list = Array.isArray(body[listMember]) ? (body[listMember] as unknown[]) : [];
    const rows = list.map((raw, index) => {
      const where = `${listMember}.${index + 1}`;
      const entry = raw as Record<string, unknown>;
      const id = entry[idMember];
      if (typeof id !== 'string' || id === '')
        throw invalidInput(`${where}.${idMember} is required.`);
      const properties = parseProperties(entry.properties, `${where}.properties`);
      const row: Record<string, string> = { [idColumn]: id };
      for (const [key, value] of Object.entries(properties)) {
        const column = columnOfKey(columns, key);
        if (column === undefined || column.name === idColumn) {
          throw invalidInput(
            `${where}.properties key ${key} maps to no column of the ${filterName} schema (keys: ${columns
              .filter((other) => other.name !== idColumn)
              .map((other) => camelCaseKey(other.name))
              .join(', ')}).`,
          );
        }
        const cell = cellOf(column, value);
        if (typeof cell !== 'string')
          throw invalidInput(`${where}.properties.${key} ${cell.problem}.`);
        if (cell !== '') row[column.name] = cell;
      }
      for (const name of required)
        if (row[name] === undefined)
          throw invalidInput(
            `${where}.properties is missing ${camelCaseKey(name)} (${name} is not nullable in the schema).`,
          );
      return row;
    });
    await this.cache.upsertRows(data, dataset, rows);
  }

  private requireDataset(datasetArn: unknown, datasetType: string): DatasetResource {
    const dataset =
      typeof datasetArn === 'string' ? this.store.get('dataset', datasetArn) : undefined;
    if (!dataset) throw notFound(String(datasetArn), 404);
    if (dataset.datasetType !== datasetType)
      throw invalidInput(
        `Dataset ${dataset.arn} is a ${dataset.datasetType} dataset: ${datasetType === 'ITEMS' ? 'PutItems' : 'PutUsers'} needs a${datasetType === 'ITEMS' ? 'n Items' : ' Users'} dataset.`,
      );
    // The events model's ResourceInUseException is HTTP 409 (SPEC §1.4). SPEC §10 leaves the
    // code for PutItems/PutUsers on a non-ACTIVE dataset open: settled as this modelled 409
    // (SPEC §1.4's events row "target dataset not ACTIVE").
    if (dataset.status !== STATUS.active)
      throw new ServiceError(
        'ResourceInUseException',
        `Dataset ${dataset.arn} is ${dataset.status}.`,
        409,
      );
    return dataset;
  }
}

/** Non-nullable columns of an Avro schema (a type that is not a union with null). */
function requiredColumns(schemaJson: string): string[] {
  try {
    const parsed = JSON.parse(schemaJson) as { fields?: { name?: unknown; type?: unknown }[] };
    return (parsed.fields ?? [])
      .filter((field) => typeof field.name === 'string' && !Array.isArray(field.type))
      .map((field) => String(field.name));
  } catch {
    return [];
  }
}
