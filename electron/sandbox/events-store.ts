/**
 * What the runtime, filters and batch jobs read of a dataset group's data, kept current as
 * real-time data arrives (SPEC §3.4, §3.5, §8.3): Items and Users rows by id, each user's
 * interactions by event type (bulk imports + PutEvents, oldest first) and the schema context of
 * the group's filters. PutEvents / PutItems / PutUsers change the dataset records in memory at
 * once (so the next GetRecommendations and filter see them) and write them behind, coalesced.
 */
import { STATUS } from '../../shared/personalize.js';
import {
  filterColumnsFromAvro,
  type FilterColumn,
  type FilterDataset,
  type FilterSchemaContext,
} from '../../shared/rules/filter-expression.js';
import type { FilterRow, UserInteractionsByType } from '../../shared/rules/filter-evaluation.js';
import type { InteractionRecord } from './recipes/types.js';
import type { DatasetResource } from './resources.js';
import { interactionTableOf } from './store.js';
import type { DatasetRecords, SandboxStore } from './store.js';
import { UserHistoryIndex } from './user-history-index.js';

/** An Interactions record that arrived through PutEvents: `receivedAtMs` epoch milliseconds. */
export interface EventRecord extends InteractionRecord {
  readonly receivedAtMs: number;
  /** The PutEvents `sessionId`. */
  readonly sessionId?: string;
}

/** Filter dataset name of a dataset type (SPEC §2.7 types, §8.1 names). */
export const FILTER_DATASET_OF_TYPE: Readonly<Record<string, FilterDataset>> = {
  ITEMS: 'Items',
  INTERACTIONS: 'Interactions',
  USERS: 'Users',
  ACTIONS: 'Actions',
  ACTION_INTERACTIONS: 'Action_Interactions',
};

/** Id column of each dataset type whose rows are kept by id. */
const ID_COLUMN: Readonly<Record<string, string>> = {
  ITEMS: 'ITEM_ID',
  USERS: 'USER_ID',
  ACTIONS: 'ACTION_ID',
};

/**
 * The datasets of a dataset group and their schema columns, as filters see them (SPEC §8.2
 * rule 2); datasets being deleted are left out.
 */
export function filterSchemaContextOf(
  store: SandboxStore,
  datasetGroupArn: string,
): FilterSchemaContext {
  const datasets: Partial<Record<FilterDataset, FilterColumn[]>> = {};
  for (const dataset of store.list('dataset')) {
    if (dataset.datasetGroupArn !== datasetGroupArn) continue;
    if (dataset.status === STATUS.deletePending || dataset.status === STATUS.deleteInProgress)
      continue;
    const name = FILTER_DATASET_OF_TYPE[dataset.datasetType];
    const schema = store.get('schema', dataset.schemaArn);
    if (name !== undefined) datasets[name] = schema ? filterColumnsFromAvro(schema.schema) : [];
  }
  return { datasets };
}

/** One dataset group's data, indexed for requests. */
export class GroupData {
  /** Items rows by ITEM_ID. */
  readonly items = new Map<string, FilterRow>();
  /** Users rows by USER_ID. */
  readonly users = new Map<string, FilterRow>();
  /** Actions rows by ACTION_ID. */
  readonly actions = new Map<string, FilterRow>();
  /** Per user: event type (lower-case) → item ids, oldest first (see {@link indexDataset}). */
  interactions = new UserHistoryIndex();
  /** Per user: PutEvents items with their arrival time, oldest first. */
  readonly realtime = new Map<string, { itemId: string; receivedAtMs: number }[]>();

  /** Changes each time Items rows are indexed (import or PutItems): kept Items filters compile again. */
  itemsRevision = 0;

  /** Distinct item ids of the Items dataset and the interactions (the catalogue a model can rank). */
  private readonly knownItems = new Set<string>();

  /** The records each index was built from (identity tells when an import replaced them). */
  readonly sources = new Map<string, DatasetRecords>();

  constructor(
    readonly datasetGroupArn: string,
    readonly datasets: ReadonlyMap<string, DatasetResource>,
    readonly schemaContext: FilterSchemaContext,
  ) {}

  /** How many distinct items the group knows (Items rows and interacted items). */
  get catalogSize(): number {
    return this.knownItems.size;
  }

  /** The user's interactions for filters; an empty map for a user without any. */
  interactionsOf(userId: string): UserInteractionsByType {
    return this.interactions.get(userId) ?? new Map<string, string[]>();
  }

  /** Item ids the user sent through PutEvents after `sinceMs` (epoch ms), oldest first. */
  realtimeItems(userId: string, sinceMs: number): string[] {
    return (this.realtime.get(userId) ?? [])
      .filter((event) => event.receivedAtMs > sinceMs)
      .map((event) => event.itemId);
  }

  /**
   * Indexes an Interactions dataset's records (call once, on a fresh GroupData): the per-user
   * index straight from the typed columns (bulk table + the other records, stably sorted by time
   * per user: the window of SPEC §8.2 rule 9 takes the most recent), no object per interaction;
   * the PutEvents records, in time order, for {@link realtimeItems}.
   */
  indexDataset(records: DatasetRecords): void {
    const table = interactionTableOf(records);
    this.interactions = new UserHistoryIndex(table);
    for (const itemId of table.itemIds) this.knownItems.add(itemId);
    const events: { record: InteractionRecord; receivedAtMs: number; index: number }[] = [];
    records.interactions.forEach((record, index) => {
      const { receivedAtMs } = record as Partial<EventRecord>;
      if (typeof receivedAtMs === 'number') events.push({ record, receivedAtMs, index });
    });
    events.sort((a, b) => a.record.timestamp - b.record.timestamp || a.index - b.index);
    for (const { record, receivedAtMs } of events)
      this.addRealtime(record.userId, record.itemId, receivedAtMs);
  }

  /** Adds interactions to the per-user index (records already sorted oldest first, or appended in order). */
  indexInteractions(records: readonly InteractionRecord[]): void {
    for (const record of records) {
      this.interactions.append(record.userId, record.eventType ?? '', record.itemId);
      this.knownItems.add(record.itemId);
      const receivedAtMs = (record as Partial<EventRecord>).receivedAtMs;
      if (typeof receivedAtMs === 'number')
        this.addRealtime(record.userId, record.itemId, receivedAtMs);
    }
  }

  private addRealtime(userId: string, itemId: string, receivedAtMs: number): void {
    let events = this.realtime.get(userId);
    if (events === undefined) {
      events = [];
      this.realtime.set(userId, events);
    }
    events.push({ itemId, receivedAtMs });
  }

  /** Replaces (upserts) rows of an Items / Users / Actions dataset in the index. */
  indexRows(datasetType: string, rows: readonly Readonly<Record<string, string>>[]): void {
    const idColumn = ID_COLUMN[datasetType];
    const target =
      datasetType === 'ITEMS' ? this.items : datasetType === 'USERS' ? this.users : this.actions;
    if (idColumn === undefined) return;
    if (datasetType === 'ITEMS') this.itemsRevision++;
    for (const row of rows) {
      const id = row[idColumn];
      if (id === undefined) continue;
      target.set(id, row);
      if (datasetType === 'ITEMS') this.knownItems.add(id);
    }
  }
}

/**
 * Per dataset group {@link GroupData}, rebuilt when the group's datasets or their records change
 * (an import job replaces the records object), updated in place by the events operations.
 */
export class GroupDataCache {
  private readonly groups = new Map<string, GroupData>();
  private readonly pendingWrites = new Map<string, DatasetRecords>();
  private writing: Promise<void> = Promise.resolve();

  /** Reads from `store`. */
  constructor(private readonly store: SandboxStore) {}

  /** The current data of a dataset group (datasets in any status but being deleted). */
  async get(datasetGroupArn: string): Promise<GroupData> {
    const datasets = this.store
      .list('dataset')
      .filter((dataset) => dataset.datasetGroupArn === datasetGroupArn);
    const cached = this.groups.get(datasetGroupArn);
    if (cached !== undefined && (await this.isCurrent(cached, datasets))) return cached;
    const byType = new Map(datasets.map((dataset) => [dataset.datasetType, dataset]));
    const data = new GroupData(
      datasetGroupArn,
      byType,
      filterSchemaContextOf(this.store, datasetGroupArn),
    );
    for (const dataset of datasets) {
      const records = await this.store.getRecords(dataset.arn);
      data.sources.set(dataset.arn, records);
      if (dataset.datasetType === 'INTERACTIONS' || dataset.datasetType === 'ACTION_INTERACTIONS') {
        if (dataset.datasetType === 'INTERACTIONS') data.indexDataset(records);
      } else data.indexRows(dataset.datasetType, records.rows);
    }
    this.groups.set(datasetGroupArn, data);
    return data;
  }

  private async isCurrent(data: GroupData, datasets: readonly DatasetResource[]): Promise<boolean> {
    if (datasets.length !== data.datasets.size) return false;
    for (const dataset of datasets) {
      if (data.datasets.get(dataset.datasetType)?.arn !== dataset.arn) return false;
      if ((await this.store.getRecords(dataset.arn)) !== data.sources.get(dataset.arn))
        return false;
    }
    return true;
  }

  /**
   * Appends PutEvents records to the group's Interactions dataset (in memory at once, on disk
   * behind) and to the index.
   */
  async appendInteractions(
    data: GroupData,
    dataset: DatasetResource,
    records: readonly EventRecord[],
  ): Promise<void> {
    const stored = await this.store.getRecords(dataset.arn);
    stored.interactions.push(...records);
    data.indexInteractions(records);
    this.scheduleWrite(dataset.arn, stored);
  }

  /**
   * Moves the anonymous events of `sessionId` (recorded with the session id as user id) to
   * `userId` (SPEC §3.4: earlier anonymous session events join the user once a call carries
   * both ids). Returns the group's data, rebuilt when anything moved.
   */
  async adoptSession(
    data: GroupData,
    dataset: DatasetResource,
    sessionId: string,
    userId: string,
  ): Promise<GroupData> {
    if (!data.realtime.has(sessionId)) return data;
    const stored = await this.store.getRecords(dataset.arn);
    let moved = 0;
    for (let index = 0; index < stored.interactions.length; index++) {
      const record = stored.interactions[index] as EventRecord | undefined;
      if (record?.sessionId === sessionId && record.userId === sessionId) {
        stored.interactions[index] = { ...record, userId };
        moved++;
      }
    }
    if (moved === 0) return data;
    this.scheduleWrite(dataset.arn, stored);
    this.groups.delete(data.datasetGroupArn);
    return this.get(data.datasetGroupArn);
  }

  /** Upserts PutItems / PutUsers rows by id (in memory at once, on disk behind) and in the index. */
  async upsertRows(
    data: GroupData,
    dataset: DatasetResource,
    rows: readonly Record<string, string>[],
  ): Promise<void> {
    const idColumn = ID_COLUMN[dataset.datasetType] ?? '';
    const stored = await this.store.getRecords(dataset.arn);
    const positions = new Map<string, number>();
    stored.rows.forEach((row, index) => {
      const id = row[idColumn];
      if (id !== undefined) positions.set(id, index);
    });
    for (const row of rows) {
      const position = positions.get(row[idColumn] ?? '');
      if (position === undefined) {
        positions.set(row[idColumn] ?? '', stored.rows.length);
        stored.rows.push(row);
      } else stored.rows[position] = row;
    }
    // The rows' origin, for a dataset export's ingestionMode (SPEC §2.9); changed in place like
    // the rows (the records object is what the write and the cache recognise).
    const putRowIds = new Set(stored.putRowIds);
    for (const row of rows) putRowIds.add(row[idColumn] ?? '');
    (stored as { putRowIds?: readonly string[] }).putRowIds = [...putRowIds];
    data.indexRows(dataset.datasetType, rows);
    this.scheduleWrite(dataset.arn, stored);
  }

  private scheduleWrite(datasetArn: string, records: DatasetRecords): void {
    const isQueued = this.pendingWrites.has(datasetArn);
    this.pendingWrites.set(datasetArn, records);
    if (isQueued) return;
    this.writing = this.writing
      .then(async () => {
        const pending = this.pendingWrites.get(datasetArn);
        this.pendingWrites.delete(datasetArn);
        // The dataset may have been deleted meanwhile: then there is nothing to keep. An import
        // that replaced the records meanwhile took these in and wrote them (writing the old
        // object would undo it).
        if (
          pending !== undefined &&
          this.store.get('dataset', datasetArn) &&
          (await this.store.getRecords(datasetArn)) === pending
        )
          await this.store.setRecords(datasetArn, pending);
      })
      .catch((error: unknown) => console.error('sandbox: event records write failed', error));
  }

  /** Resolves once every accepted event and record is on disk. */
  async flush(): Promise<void> {
    while (this.pendingWrites.size > 0) await this.writing;
    await this.writing;
  }
}
