import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import type { InteractionRecord } from './recipes/types.js';
import type { InteractionTable } from './recipes/interaction-table.js';
import {
  concatTables,
  decodeTableBinary,
  encodeTableBinary,
  recordsOfTable,
  tableFromRecords,
} from './recipes/interaction-table.js';
import { isModelFile, unpackModel } from './recipes/model-file.js';
import type { ResourceKind, ResourceOf, SandboxResource } from './resources.js';

/**
 * Records of one dataset: interactions, or string maps for items/users (SPEC §2.8).
 *
 * A dataset's interactions are the rows of `table` (bulk imports, typed columns: no per-row
 * objects) followed by `interactions` (records sent through PutEvents, and every row of a
 * dataset saved before the table existed).
 */
export interface DatasetRecords {
  readonly interactions: InteractionRecord[];
  readonly rows: Record<string, string>[];
  /** Bulk-imported interactions as typed columns, persisted as `datasets/<id>.bin`; absent when none. */
  readonly table?: InteractionTable;
  /**
   * The import jobs whose rows these records already contain (SPEC §2.8), committed in the same
   * write as the rows: a job resumed after a crash finds itself here and does not append again.
   */
  readonly importJobs?: readonly ImportedJob[];
  /**
   * Items / Users / Actions: ids whose current row came through PutItems / PutUsers (PUT data of
   * a dataset export, SPEC §2.9); the other rows are bulk-imported. Absent: none.
   */
  readonly putRowIds?: readonly string[];
}

/** An import job whose rows a dataset's records contain, with the count it imported. */
export interface ImportedJob {
  readonly datasetImportJobArn: string;
  readonly importedRecordCount: number;
}

/**
 * `datasets/<id>.json` as written by {@link SandboxStore.setRecords}: the commit point of a
 * dataset's records. `tableFile` names the interactions table file it goes with (one of the
 * two slots `<id>.bin`, `<id>.b.bin`; null: none); absent in files written before the slots,
 * which go with `<id>.bin`.
 */
const recordsFileSchema = z.looseObject({
  // Records and rows are written only by this class: checked as arrays, not value by value.
  interactions: z.array(z.unknown()).default([]),
  rows: z.array(z.unknown()).default([]),
  tableFile: z.string().nullable().optional(),
  importJobs: z
    .array(
      z.object({
        datasetImportJobArn: z.string(),
        importedRecordCount: z.number().int().nonnegative(),
      }),
    )
    .optional(),
  putRowIds: z.array(z.string()).optional(),
});

/** A Personalize tag (SPEC §2.4). */
export interface ResourceTag {
  readonly tagKey: string;
  readonly tagValue: string;
}

const stateFileSchema = z.object({
  version: z.literal(1),
  resources: z.array(z.looseObject({ arn: z.string(), kind: z.string() })),
  // Optional so that state files written before tags were kept still load.
  tags: z
    .record(z.string(), z.array(z.object({ tagKey: z.string(), tagValue: z.string() })))
    .optional(),
});

/**
 * Every interaction of a dataset's records as one table: the bulk table's rows, then the other
 * records (PutEvents, rows saved before the table existed) in order. No copy when there are no
 * other records.
 */
export function interactionTableOf(records: DatasetRecords): InteractionTable {
  const others = tableFromRecords(records.interactions);
  return records.table === undefined ? others : concatTables(records.table, others);
}

/**
 * Every interaction of a dataset's records as records, in the order of {@link interactionTableOf}
 * (materialises the table's rows: for indexes that keep per-user lists anyway).
 */
export function interactionRecordsOf(records: DatasetRecords): InteractionRecord[] {
  if (records.table === undefined) return records.interactions;
  return [...recordsOfTable(records.table), ...records.interactions];
}

function fileId(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, 24);
}

/** Folders holding one `<fileId>.json` and/or `<fileId>.bin` per resource (dataset records, trained models). */
const PER_RESOURCE_FOLDERS = ['datasets', 'models'] as const;
/**
 * Extensions of per-resource files: JSON, the binary interaction table / model file, and the
 * second slot of a dataset's table (`.b.bin`, see {@link SandboxStore.setRecords}).
 */
const PER_RESOURCE_EXTENSIONS = ['.json', '.bin', '.b.bin'] as const;

/** The two file names a dataset's interactions table alternates between. */
function tableSlots(id: string): readonly [string, string] {
  return [`${id}.bin`, `${id}.b.bin`];
}

function isEnoent(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * The sandbox's resource store: every resource by ARN, dataset records and trained models.
 *
 * Persists to `dataDir` (`state.json`, `datasets/<id>.json` with `datasets/<id>.bin` for the
 * interactions table, `models/<id>.bin`; `models/<id>.json` for models saved before), each write
 * atomic (temp + rename). Writes are serialised so that the file always holds the newest state.
 * A resource's files are deleted with {@link deleteFiles} once its removal is persisted; files
 * left behind by a crash in between are swept by {@link load}.
 */
export class SandboxStore {
  private readonly resources = new Map<string, SandboxResource>();
  private readonly records = new Map<string, DatasetRecords>();
  private readonly tags = new Map<string, ResourceTag[]>();
  /**
   * Per dataset: the table file its committed JSON names (undefined: none) and the table it holds
   * (rewritten only when replaced).
   */
  private readonly committed = new Map<
    string,
    { file: string | undefined; table: InteractionTable | undefined }
  >();
  private writeChain: Promise<void> = Promise.resolve();
  /** Dataset record writes, one at a time (each picks its table slot from the one before). */
  private recordWrites: Promise<void> = Promise.resolve();
  private isDirty = false;

  /** Creates a store rooted at `dataDir` (call {@link load} before use). */
  constructor(readonly dataDir: string) {}

  /**
   * Loads `state.json` if present (a fresh store otherwise), then deletes per-resource files
   * (`datasets/`, `models/`) of resources no longer in the state and leftover temp files.
   */
  async load(): Promise<void> {
    let text: string | undefined;
    try {
      text = await readFile(path.join(this.dataDir, 'state.json'), 'utf8');
    } catch (error) {
      if (!isEnoent(error)) throw error;
    }
    if (text !== undefined) {
      const parsed = stateFileSchema.parse(JSON.parse(text));
      for (const resource of parsed.resources) {
        // The file is written only by this class, so its records have the resource shapes.
        this.resources.set(resource.arn, resource as unknown as SandboxResource);
      }
      for (const [arn, tags] of Object.entries(parsed.tags ?? {}))
        if (this.resources.has(arn)) this.tags.set(arn, tags);
    }
    await this.sweepOrphanFiles();
  }

  /** The resource with this ARN, if it exists and is of `kind`. */
  get<K extends ResourceKind>(kind: K, arn: string): ResourceOf<K> | undefined {
    const resource = this.resources.get(arn);
    return resource?.kind === kind ? (resource as ResourceOf<K>) : undefined;
  }

  /** Any resource with this ARN. */
  getAny(arn: string): SandboxResource | undefined {
    return this.resources.get(arn);
  }

  /** All resources of `kind`, newest first (SPEC §2.3 order). */
  list<K extends ResourceKind>(kind: K): ResourceOf<K>[] {
    const out: ResourceOf<K>[] = [];
    for (const resource of this.resources.values()) {
      if (resource.kind === kind) out.push(resource as ResourceOf<K>);
    }
    return out.sort((a, b) => b.createdAtMs - a.createdAtMs || (a.arn < b.arn ? -1 : 1));
  }

  /** Every resource (any kind). */
  all(): SandboxResource[] {
    return [...this.resources.values()];
  }

  /** Adds or replaces a resource; call {@link persist} before answering. */
  put(resource: SandboxResource): void {
    this.resources.set(resource.arn, resource);
    this.isDirty = true;
  }

  /**
   * Removes a resource from the state (call {@link persist}, then {@link deleteFiles} for its
   * dataset records / model file, so that a crash never leaves a stored resource without files).
   */
  remove(arn: string): void {
    this.resources.delete(arn);
    this.tags.delete(arn);
    this.records.delete(arn);
    this.isDirty = true;
  }

  /** Tags of a resource, in the order they were first set (empty when none). */
  getTags(arn: string): readonly ResourceTag[] {
    return this.tags.get(arn) ?? [];
  }

  /** Replaces the tags of a resource (empty = none); call {@link persist} before answering. */
  setTags(arn: string, tags: readonly ResourceTag[]): void {
    if (tags.length === 0) this.tags.delete(arn);
    else this.tags.set(arn, [...tags]);
    this.isDirty = true;
  }

  /** Sets `status` (and `failureReason`), bumping `updatedAtMs` (SPEC §2.2: changes on every transition). */
  setStatus(resource: SandboxResource, status: string, failureReason?: string): void {
    resource.status = status;
    resource.updatedAtMs = Math.max(Date.now(), resource.updatedAtMs + 1);
    if (failureReason === undefined) delete resource.failureReason;
    else resource.failureReason = failureReason;
    this.isDirty = true;
  }

  /** Writes `state.json` atomically if anything changed; resolves when it is on disk. */
  persist(): Promise<void> {
    const next = this.writeChain.then(async () => {
      if (!this.isDirty) return;
      this.isDirty = false;
      const body = JSON.stringify({
        version: 1,
        resources: [...this.resources.values()],
        tags: Object.fromEntries(this.tags),
      });
      await writeFileAtomic(path.join(this.dataDir, 'state.json'), body);
    });
    this.writeChain = next.catch((error: unknown) => {
      this.isDirty = true;
      console.error('sandbox: state write failed', error);
    });
    return next;
  }

  /**
   * Records of a dataset (empty when nothing was imported). Reads the files once: the JSON
   * records and, when it names one, the binary interactions table (its columns are views on the
   * file). A table file without a JSON naming it (a crash before the commit) is ignored.
   *
   * @throws ZodError when the JSON is not a records file; Error when the table file it names is
   *   missing or unreadable
   */
  async getRecords(datasetArn: string): Promise<DatasetRecords> {
    const cached = this.records.get(datasetArn);
    if (cached) return cached;
    const { records, file } = await this.readRecordsFile(datasetArn);
    let table: InteractionTable | undefined;
    if (file !== undefined) {
      try {
        table = decodeTableBinary(await readFile(path.join(this.dataDir, 'datasets', file)));
      } catch (error) {
        // A file of before the slots names `<id>.bin` implicitly, also when there is none.
        if (!isEnoent(error) || file !== tableSlots(fileId(datasetArn))[0]) throw error;
      }
    }
    const loaded: DatasetRecords = table !== undefined ? { ...records, table } : records;
    this.committed.set(datasetArn, { file, table });
    this.records.set(datasetArn, loaded);
    return loaded;
  }

  /**
   * Replaces the records of a dataset (in memory at once) and commits them to disk atomically,
   * one write at a time: a changed `table` goes to the table slot the committed JSON does not
   * name (`<id>.bin` / `<id>.b.bin`), then `<id>.json` — rows, events, `importJobs` and the name
   * of that slot — is renamed into place (the commit point), then the previous slot is removed.
   * A crash at any point leaves the old records or the new ones, never a mix.
   */
  setRecords(datasetArn: string, records: DatasetRecords): Promise<void> {
    this.records.set(datasetArn, records);
    const write = this.recordWrites.then(() => this.commitRecords(datasetArn, records));
    this.recordWrites = write.catch(() => undefined);
    return write;
  }

  private async commitRecords(datasetArn: string, records: DatasetRecords): Promise<void> {
    const folder = path.join(this.dataDir, 'datasets');
    const id = fileId(datasetArn);
    const [slotA, slotB] = tableSlots(id);
    const before =
      this.committed.get(datasetArn) ??
      ({ file: (await this.readRecordsFile(datasetArn)).file, table: undefined } as const);
    let file: string | undefined;
    if (records.table !== undefined) {
      if (records.table === before.table && before.file !== undefined) file = before.file;
      else {
        file = before.file === slotA ? slotB : slotA;
        await writeFileAtomic(path.join(folder, file), encodeTableBinary(records.table));
      }
    }
    await writeFileAtomic(
      path.join(folder, `${id}.json`),
      JSON.stringify({
        interactions: records.interactions,
        rows: records.rows,
        tableFile: file ?? null,
        ...(records.importJobs !== undefined ? { importJobs: records.importJobs } : {}),
        ...(records.putRowIds !== undefined ? { putRowIds: records.putRowIds } : {}),
      }),
    );
    this.committed.set(datasetArn, { file, table: records.table });
    if (before.file !== undefined && before.file !== file)
      await rm(path.join(folder, before.file), { force: true });
  }

  /** The committed JSON of a dataset's records and the table file it names (none without JSON). */
  private async readRecordsFile(
    datasetArn: string,
  ): Promise<{ records: DatasetRecords; file: string | undefined }> {
    const id = fileId(datasetArn);
    let text: string;
    try {
      text = await readFile(path.join(this.dataDir, 'datasets', `${id}.json`), 'utf8');
    } catch (error) {
      if (isEnoent(error)) return { records: { interactions: [], rows: [] }, file: undefined };
      throw error;
    }
    const parsed = recordsFileSchema.parse(JSON.parse(text));
    const slots = tableSlots(id);
    const file = parsed.tableFile === undefined ? slots[0] : (parsed.tableFile ?? undefined);
    if (file !== undefined && !slots.includes(file))
      throw new Error(`Dataset records of ${datasetArn} name an unknown table file ${file}.`);
    return {
      records: {
        interactions: parsed.interactions as InteractionRecord[],
        rows: parsed.rows as Record<string, string>[],
        ...(parsed.importJobs !== undefined ? { importJobs: parsed.importJobs } : {}),
        ...(parsed.putRowIds !== undefined ? { putRowIds: parsed.putRowIds } : {}),
      },
      file,
    };
  }

  /**
   * Saves a solution version's model: the binary model file (`packModel` output, what the
   * training worker sends) as `models/<id>.bin`, or a JSON form (`TrainedModel.toJSON()`) as
   * `models/<id>.json`; the other file is removed.
   */
  async saveModel(solutionVersionArn: string, model: unknown): Promise<void> {
    const base = path.join(this.dataDir, 'models', fileId(solutionVersionArn));
    if (model instanceof Uint8Array) {
      await writeFileAtomic(`${base}.bin`, model);
      await rm(`${base}.json`, { force: true });
      return;
    }
    await writeFileAtomic(`${base}.json`, JSON.stringify(model));
    await rm(`${base}.bin`, { force: true });
  }

  /** Deletes the per-resource files of `arn` (dataset records, trained model); missing files are fine. */
  async deleteFiles(arn: string): Promise<void> {
    this.records.delete(arn);
    // A records write under way finishes first (else it would leave files behind).
    await this.recordWrites;
    this.committed.delete(arn);
    const id = fileId(arn);
    await Promise.all(
      PER_RESOURCE_FOLDERS.flatMap((folder) =>
        PER_RESOURCE_EXTENSIONS.map((extension) =>
          rm(path.join(this.dataDir, folder, `${id}${extension}`), { force: true }),
        ),
      ),
    );
  }

  /**
   * Reads a model in the form `deserializeModel` restores: from `models/<id>.bin` (typed arrays
   * as views on the file), else from a `models/<id>.json` saved before the binary file;
   * `undefined` when none was saved.
   *
   * @throws Error asking to retrain when the binary file is not a readable model file
   */
  async loadModel(solutionVersionArn: string): Promise<unknown> {
    const base = path.join(this.dataDir, 'models', fileId(solutionVersionArn));
    try {
      const bytes = await readFile(`${base}.bin`);
      if (!isModelFile(bytes))
        throw new Error(
          `The saved model of ${solutionVersionArn} is not a sandbox model file: retrain the solution version.`,
        );
      return unpackModel(bytes);
    } catch (error) {
      if (!isEnoent(error)) throw error;
    }
    try {
      return JSON.parse(await readFile(`${base}.json`, 'utf8')) as unknown;
    } catch (error) {
      if (isEnoent(error)) return undefined;
      throw error;
    }
  }

  private async sweepOrphanFiles(): Promise<void> {
    const kept = new Set(
      [...this.resources.keys()].flatMap((arn) =>
        PER_RESOURCE_EXTENSIONS.map((extension) => `${fileId(arn)}${extension}`),
      ),
    );
    for (const folder of PER_RESOURCE_FOLDERS) {
      let names: string[];
      try {
        names = await readdir(path.join(this.dataDir, folder));
      } catch (error) {
        if (isEnoent(error)) continue;
        throw error;
      }
      for (const name of names) {
        if (!kept.has(name)) await rm(path.join(this.dataDir, folder, name), { force: true });
      }
    }
  }
}
