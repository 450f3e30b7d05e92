/**
 * Fault injection for client testing (off by default): per operation, a share of requests is
 * answered with a throttling error or a 500, delayed, or dropped (the connection is closed
 * without an answer). Clients should retry the first two and the last (both SDKs do), and
 * survive the delays.
 */

/** Faults of the operations one rule matches; shares are probabilities in [0, 1], tried in this order. */
export interface FaultRule {
  /**
   * What the rule matches: a control-plane operation (`DescribeCampaign`), a runtime or events
   * operation (`GetRecommendations`, `PutEvents`), `s3`, `sts`, `iam`, `sso`, or `*` (everything).
   */
  readonly operation: string;
  /** Share answered `ThrottlingException` (JSON, HTTP 400, SPEC §1.4), S3 `SlowDown` (503), Query `Throttling` (400). */
  readonly throttle?: number;
  /** Share answered HTTP 500 (`InternalFailure`; S3 `InternalError`). */
  readonly serverError?: number;
  /** Share whose connection is destroyed before any answer. */
  readonly drop?: number;
  /** Share delayed by {@link slowMs} before being handled normally. */
  readonly slow?: number;
  /** Delay of slowed requests, in milliseconds (default 1,000). */
  readonly slowMs?: number;
}

/** Fault injection settings: rules (the first matching one applies) and a seed for repeatable runs. */
export interface FaultOptions {
  readonly rules: readonly FaultRule[];
  /** Seed of the pseudo-random choice (default: a random seed). */
  readonly seed?: number;
}

/** What to do with one request. */
export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'throttle' }
  | { readonly kind: 'serverError' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'slow'; readonly delayMs: number };

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Decides the fault of each request from the configured rules. */
export class FaultInjector {
  private readonly random: () => number;

  /** Uses `options` (its rules in order, its seed). */
  constructor(private readonly options: FaultOptions) {
    this.random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /** The fault for a request of `operation` (see {@link FaultRule.operation}); one draw per request. */
  decide(operation: string): FaultDecision {
    const rule = this.options.rules.find(
      (candidate) => candidate.operation === operation || candidate.operation === '*',
    );
    if (rule === undefined) return { kind: 'none' };
    let draw = this.random();
    for (const kind of ['throttle', 'serverError', 'drop', 'slow'] as const) {
      const share = Math.min(1, Math.max(0, rule[kind] ?? 0));
      if (draw < share) return kind === 'slow' ? { kind, delayMs: rule.slowMs ?? 1_000 } : { kind };
      draw -= share;
    }
    return { kind: 'none' };
  }
}
