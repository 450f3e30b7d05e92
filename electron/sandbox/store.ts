import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import type { InteractionRecord } from './recipes/types.js';
import type { ResourceKind, ResourceOf, SandboxResource } from './resources.js';

/** Records of one dataset: typed interactions, or string maps for items/users (SPEC §2.8). */
export interface DatasetRecords {
  readonly interactions: InteractionRecord[];
  readonly rows: Record<string, string>[];
}

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

function fileId(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, 24);
}

/** Folders holding one `<fileId>.json` per resource (dataset records, trained models). */
const PER_RESOURCE_FOLDERS = ['datasets', 'models'] as const;

function isEnoent(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * The sandbox's resource store: every resource by ARN, dataset records and trained models.
 *
 * Persists to `dataDir` (`state.json`, `datasets/<id>.json`, `models/<id>.json`), each write
 * atomic (temp + rename). Writes are serialised so that the file always holds the newest state.
 * A resource's files are deleted with {@link deleteFiles} once its removal is persisted; files
 * left behind by a crash in between are swept by {@link load}.
 */
export class SandboxStore {
  private readonly resources = new Map<string, SandboxResource>();
  private readonly records = new Map<string, DatasetRecords>();
  private readonly tags = new Map<string, ResourceTag[]>();
  private writeChain: Promise<void> = Promise.resolve();
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

  /** Records of a dataset (empty when nothing was imported). Reads the file once. */
  async getRecords(datasetArn: string): Promise<DatasetRecords> {
    const cached = this.records.get(datasetArn);
    if (cached) return cached;
    let records: DatasetRecords = { interactions: [], rows: [] };
    try {
      const text = await readFile(
        path.join(this.dataDir, 'datasets', `${fileId(datasetArn)}.json`),
        'utf8',
      );
      records = JSON.parse(text) as DatasetRecords;
    } catch (error) {
      if (!isEnoent(error)) throw error;
    }
    this.records.set(datasetArn, records);
    return records;
  }

  /** Replaces the records of a dataset and writes them atomically. */
  async setRecords(datasetArn: string, records: DatasetRecords): Promise<void> {
    this.records.set(datasetArn, records);
    await writeFileAtomic(
      path.join(this.dataDir, 'datasets', `${fileId(datasetArn)}.json`),
      JSON.stringify(records),
    );
  }

  /** Writes a model's JSON form (`TrainedModel.toJSON()`) for a solution version. */
  async saveModel(solutionVersionArn: string, json: unknown): Promise<void> {
    await writeFileAtomic(
      path.join(this.dataDir, 'models', `${fileId(solutionVersionArn)}.json`),
      JSON.stringify(json),
    );
  }

  /** Deletes the per-resource files of `arn` (dataset records, trained model); missing files are fine. */
  async deleteFiles(arn: string): Promise<void> {
    this.records.delete(arn);
    const id = fileId(arn);
    await Promise.all(
      PER_RESOURCE_FOLDERS.map((folder) =>
        rm(path.join(this.dataDir, folder, `${id}.json`), { force: true }),
      ),
    );
  }

  /** Reads a model's JSON form, `undefined` when none was saved. */
  async loadModel(solutionVersionArn: string): Promise<unknown> {
    try {
      const text = await readFile(
        path.join(this.dataDir, 'models', `${fileId(solutionVersionArn)}.json`),
        'utf8',
      );
      return JSON.parse(text) as unknown;
    } catch (error) {
      if (isEnoent(error)) return undefined;
      throw error;
    }
  }

  private async sweepOrphanFiles(): Promise<void> {
    const kept = new Set([...this.resources.keys()].map((arn) => `${fileId(arn)}.json`));
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
