import type { Job } from '../../../shared/jobs.js';
import {
  MAX_RUNNING_IMPORT_JOBS,
  MAX_RUNNING_SOLUTION_VERSIONS,
} from '../../../shared/rules/limits.js';
import { AppError } from '../../../shared/errors.js';

/**
 * The share of a service quota one job holds while it runs: `weight` slots of the pool `pool`
 * (e.g. `123456789012:us-east-1:datasetImportJob`), which holds `limit` slots. `label` names
 * what the slots count, for the "waiting for a slot" step ("dataset import jobs").
 */
export interface JobQuota {
  readonly pool: string;
  readonly limit: number;
  readonly weight: number;
  readonly label: string;
}

/**
 * The per-(account, region) quota a job of the studio counts against, mirroring the service
 * quotas of SPEC §9 (shared/rules/limits.ts): a `datasets.import` job holds one of the
 * {@link MAX_RUNNING_IMPORT_JOBS} dataset import jobs pending or in progress per region; a
 * `solutions.train` job holds one of the {@link MAX_RUNNING_SOLUTION_VERSIONS} solution
 * versions per region for each recipe it trains (`params.recipes`). Other kinds are not limited.
 *
 * @param target `account:region` of the job's workspace (the account id when known, else the
 *   profile name; `sandbox:<region>` for the Local sandbox), or undefined when unknown.
 */
export function serviceQuotaOf(job: Job, target: string | undefined): JobQuota | undefined {
  if (target === undefined) return undefined;
  switch (job.kind) {
    case 'datasets.import':
      return {
        pool: `${target}:datasetImportJob`,
        limit: MAX_RUNNING_IMPORT_JOBS,
        weight: 1,
        label: 'dataset import jobs',
      };
    case 'solutions.train': {
      const recipes = job.params.recipes;
      const count = Array.isArray(recipes) ? Math.max(1, recipes.length) : 1;
      return {
        pool: `${target}:solutionVersion`,
        limit: MAX_RUNNING_SOLUTION_VERSIONS,
        weight: Math.min(count, MAX_RUNNING_SOLUTION_VERSIONS),
        label: 'solution versions in training',
      };
    }
    default:
      return undefined;
  }
}

interface Waiter {
  readonly weight: number;
  readonly resolve: () => void;
}

interface Pool {
  used: number;
  readonly waiters: Waiter[];
}

/**
 * Counting semaphores, one per quota pool, first come first served: a job waits until its
 * weight fits under the pool's limit and no earlier job of the pool is still waiting.
 */
export class QuotaSlots {
  private readonly pools = new Map<string, Pool>();

  /** Slots in use in `pool`. */
  used(pool: string): number {
    return this.pools.get(pool)?.used ?? 0;
  }

  /** True when a job of `quota` would start at once. */
  isFree(quota: JobQuota): boolean {
    const pool = this.pools.get(quota.pool);
    return (
      pool === undefined || (pool.waiters.length === 0 && pool.used + quota.weight <= quota.limit)
    );
  }

  /**
   * Takes `quota.weight` slots of its pool, waiting while they are taken.
   * @returns the function that gives them back (call once).
   * @throws AppError `job.cancelled` when `signal` aborts while waiting.
   */
  async acquire(quota: JobQuota, signal: AbortSignal): Promise<() => void> {
    const pool = this.pool(quota.pool);
    const weight = Math.min(quota.weight, quota.limit);
    if (pool.waiters.length > 0 || pool.used + weight > quota.limit) {
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          weight,
          resolve: () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          const index = pool.waiters.indexOf(waiter);
          if (index >= 0) pool.waiters.splice(index, 1);
          this.drain(quota.pool, quota.limit);
          reject(new AppError('job.cancelled', 'Cancelled while waiting for a free slot.'));
        };
        if (signal.aborted) {
          onAbort();
          return;
        }
        signal.addEventListener('abort', onAbort, { once: true });
        pool.waiters.push(waiter);
      });
    } else {
      pool.used += weight;
    }
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      pool.used -= weight;
      this.drain(quota.pool, quota.limit);
    };
  }

  private pool(name: string): Pool {
    let pool = this.pools.get(name);
    if (pool === undefined) {
      pool = { used: 0, waiters: [] };
      this.pools.set(name, pool);
    }
    return pool;
  }

  private drain(name: string, limit: number): void {
    const pool = this.pools.get(name);
    if (pool === undefined) return;
    for (;;) {
      const next = pool.waiters[0];
      if (next === undefined || pool.used + next.weight > limit) break;
      pool.waiters.shift();
      pool.used += next.weight;
      next.resolve();
    }
    if (pool.used === 0 && pool.waiters.length === 0) this.pools.delete(name);
  }
}
