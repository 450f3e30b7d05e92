import { rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { JobSchema, LEGACY_JOB_KINDS, type Job } from '../../../shared/jobs.js';
import { readJsonFile, writeJsonFileAtomic } from '../json-file.js';

/**
 * Where the {@link JobRegistry} keeps job records. `save` resolves once the record is
 * durable, so the registry can emit only after persisting.
 */
export interface JobStore {
  /** Every stored job, in creation order. */
  loadAll(): Promise<Job[]>;
  /** Inserts or replaces the job with the same `id`. */
  save(job: Job): Promise<void>;
  /**
   * Records that the process that started at `startedAtMs` is alive at `atMs` (epoch ms): the
   * registry calls it every few seconds while jobs run, so that after a kill -9 the next process
   * knows when the previous one stopped counting. One small record, overwritten.
   */
  heartbeat(beat: Heartbeat): Promise<void>;
  /** The last {@link heartbeat} stored (by this or an earlier process), if any. */
  lastHeartbeat(): Promise<Heartbeat | undefined>;
}

/** A sign of life of one process of the studio (epoch ms). */
export interface Heartbeat {
  /** When the process's job registry started. */
  readonly startedAtMs: number;
  /** When the process was last known to run. */
  readonly atMs: number;
}

const HeartbeatSchema = z.object({ startedAtMs: z.number(), atMs: z.number() });

/** A {@link JobStore} in memory: for tests and the CLI. */
export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Job>();

  /** See {@link JobStore.loadAll}. */
  loadAll(): Promise<Job[]> {
    return Promise.resolve([...this.jobs.values()].map((job) => structuredClone(job)));
  }

  /** See {@link JobStore.save}. */
  save(job: Job): Promise<void> {
    this.jobs.set(job.id, structuredClone(job));
    return Promise.resolve();
  }

  private beat: Heartbeat | undefined;

  /** See {@link JobStore.heartbeat}. */
  heartbeat(beat: Heartbeat): Promise<void> {
    this.beat = { ...beat };
    return Promise.resolve();
  }

  /** See {@link JobStore.lastHeartbeat}. */
  lastHeartbeat(): Promise<Heartbeat | undefined> {
    return Promise.resolve(this.beat === undefined ? undefined : { ...this.beat });
  }
}

/** Reads a stored job, renaming the kinds of earlier versions (`poc.import` → `datasets.import`). */
const StoredJobSchema = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null) return raw;
  const kind = (raw as { kind?: unknown }).kind;
  return typeof kind === 'string' && kind in LEGACY_JOB_KINDS
    ? { ...raw, kind: LEGACY_JOB_KINDS[kind] }
    : raw;
}, JobSchema);

const JobFileSchema = z.object({ version: z.literal(1), jobs: z.array(StoredJobSchema) });

/**
 * A {@link JobStore} in one JSON file (`{version: 1, jobs: Job[]}`), rewritten atomically
 * (temp file + rename). Saves made while a write is under way share the next write: each
 * `save` resolves once a write that began after it finished, so many jobs changing at once
 * cost one write per round, not one each.
 */
export class JsonFileJobStore implements JobStore {
  private readonly jobs = new Map<string, Job>();
  private isLoaded = false;
  /** The last write queued; writes run one after another. */
  private chain: Promise<void> = Promise.resolve();
  /** A queued write that has not started yet: it will include every change made until it starts. */
  private pending: Promise<void> | undefined;

  /** @param filePath e.g. `<userData>/jobs.json`; the heartbeat goes beside it (`jobs.heartbeat.json`). */
  constructor(readonly filePath: string) {}

  /** Where {@link heartbeat} writes. */
  get heartbeatPath(): string {
    return `${this.filePath.replace(/\.json$/u, '')}.heartbeat.json`;
  }

  /**
   * See {@link JobStore.heartbeat}; an atomic rewrite (temp file + rename) of a ~50-byte file.
   * Never creates the folder: a deleted data folder stays deleted (the write fails instead).
   */
  async heartbeat(beat: Heartbeat): Promise<void> {
    const temporary = `${this.heartbeatPath}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ ...beat }), 'utf8');
    await rename(temporary, this.heartbeatPath);
  }

  /** See {@link JobStore.lastHeartbeat}; a missing or unreadable file is no heartbeat. */
  async lastHeartbeat(): Promise<Heartbeat | undefined> {
    const raw = await readJsonFile(this.heartbeatPath).catch(() => undefined);
    const parsed = HeartbeatSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * See {@link JobStore.loadAll}.
   * @throws AppError `file.unreadable` when the file is not valid JSON; a record that fails
   *   the schema is a bug and throws a ZodError.
   */
  async loadAll(): Promise<Job[]> {
    if (!this.isLoaded) {
      const raw = await readJsonFile(this.filePath);
      if (raw !== undefined) {
        for (const job of JobFileSchema.parse(raw).jobs) this.jobs.set(job.id, job);
      }
      this.isLoaded = true;
    }
    return [...this.jobs.values()].map((job) => structuredClone(job));
  }

  /** See {@link JobStore.save}; persists the whole file. */
  save(job: Job): Promise<void> {
    this.jobs.set(job.id, structuredClone(job));
    if (this.pending === undefined) {
      const write = this.chain.then(() => {
        this.pending = undefined;
        const snapshot = { version: 1 as const, jobs: [...this.jobs.values()] };
        return writeJsonFileAtomic(this.filePath, snapshot);
      });
      this.pending = write;
      this.chain = write.catch(() => undefined);
    }
    return this.pending;
  }
}
