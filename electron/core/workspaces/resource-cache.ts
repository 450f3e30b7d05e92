import { z } from 'zod';
import type { ResourceEntry, ResourceKind } from '../../../shared/resources.js';
import { ResourceEntrySchema } from '../../../shared/resources.js';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from '../json-file.js';

const CacheFileSchema = z.object({
  version: z.literal(1),
  resources: z.array(ResourceEntrySchema),
});

/** What a service call told the studio about one resource (see {@link ResourceCache.record}). */
export interface ResourceObservation {
  readonly arn: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly status?: string | undefined;
  readonly failureReason?: string | undefined;
  readonly parentArn?: string | undefined;
  /** The response's own fields (Date values become ISO strings; `undefined` ones are dropped). */
  readonly attributes?: object | undefined;
  /** What only the studio knows, merged into the entry's `studio` record. */
  readonly studio?: Readonly<Record<string, unknown>> | undefined;
}

/** Listener of cache changes; gets every entry after the change. */
export type ResourceCacheListener = (entries: readonly ResourceEntry[]) => void;

/** JSON-safe copy of a response object: Dates as ISO strings, no `undefined`, no `$metadata`. */
function jsonSafe(value: object): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  Reflect.deleteProperty(copy, '$metadata');
  return copy;
}

/** Epoch ms of a service timestamp (Date or ISO string), when it has one. */
function timestampMs(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/**
 * A workspace's resource cache (ARCHITECTURE.md, "The service is the source of truth for
 * resources"): what Create / Describe / List calls returned, keyed by ARN, persisted to one JSON
 * file (`{version: 1, resources}`) so the app shows the last known state offline.
 *
 * Services call {@link record} with each response and {@link forget} when a Describe says the
 * resource is gone; nothing else writes here. Writes are serialised and durable before
 * listeners hear of them.
 */
export class ResourceCache {
  private readonly entries = new Map<string, ResourceEntry>();
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<ResourceCacheListener>();

  /**
   * @param filePath e.g. `<userData>/workspaces/<id>/resources.json`
   * @param now clock in epoch ms (tests inject one)
   */
  constructor(
    readonly filePath: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Loads the file (a missing file is an empty cache).
   * @throws AppError `file.unreadable` for a corrupt file.
   */
  async load(): Promise<void> {
    const raw = await readJsonFile(this.filePath);
    if (raw === undefined) return;
    for (const entry of CacheFileSchema.parse(raw).resources) this.entries.set(entry.arn, entry);
  }

  /** Every entry (copies), oldest first. */
  list(filter?: { readonly kind?: ResourceKind; readonly parentArn?: string }): ResourceEntry[] {
    return [...this.entries.values()]
      .filter((entry) => filter?.kind === undefined || entry.kind === filter.kind)
      .filter((entry) => filter?.parentArn === undefined || entry.parentArn === filter.parentArn)
      .sort((a, b) => (a.createdAtMs ?? a.lastSeenAtMs) - (b.createdAtMs ?? b.lastSeenAtMs))
      .map((entry) => structuredClone(entry));
  }

  /** The entry of `arn`, if the studio knows it. */
  get(arn: string): ResourceEntry | undefined {
    const entry = this.entries.get(arn);
    return entry === undefined ? undefined : structuredClone(entry);
  }

  /**
   * Records what the service said about a resource: replaces status and attributes, keeps the
   * parent and studio annotations it had. Persists, then notifies.
   */
  record(observation: ResourceObservation): Promise<ResourceEntry> {
    return this.queue.run(async () => {
      const previous = this.entries.get(observation.arn);
      const attributes = {
        ...(previous?.attributes ?? {}),
        ...jsonSafe(observation.attributes ?? {}),
      };
      const entry: ResourceEntry = {
        arn: observation.arn,
        kind: observation.kind,
        name: observation.name,
        status: observation.status ?? previous?.status,
        failureReason:
          observation.status === undefined ? previous?.failureReason : observation.failureReason,
        parentArn: observation.parentArn ?? previous?.parentArn,
        createdAtMs:
          timestampMs(attributes.creationDateTime) ?? previous?.createdAtMs ?? this.now(),
        lastSeenAtMs: this.now(),
        attributes,
        studio: { ...(previous?.studio ?? {}), ...(observation.studio ?? {}) },
      };
      this.entries.set(entry.arn, ResourceEntrySchema.parse(JSON.parse(JSON.stringify(entry))));
      await this.persist();
      return structuredClone(entry);
    });
  }

  /** Removes resources the service says are gone; persists, then notifies. */
  forget(arns: readonly string[]): Promise<void> {
    return this.queue.run(async () => {
      let isChanged = false;
      for (const arn of arns) isChanged = this.entries.delete(arn) || isChanged;
      if (isChanged) await this.persist();
    });
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onDidChange(listener: ResourceCacheListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async persist(): Promise<void> {
    const resources = [...this.entries.values()];
    await writeJsonFileAtomic(this.filePath, { version: 1, resources });
    for (const listener of this.listeners)
      listener(resources.map((entry) => structuredClone(entry)));
  }
}
