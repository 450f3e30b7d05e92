import { z } from 'zod';
import { CHANNELS, contract, isChannel, type Channel } from '../../shared/ipc/contract.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import {
  AppError,
  serializeError,
  type ErrorCode,
  type ErrorDetails,
} from '../../shared/errors.js';
import type { Handlers } from '../core/app/studio-app.js';

/** Calls one contract channel with an untrusted input; always resolves to an envelope. */
export type Invoke = (channel: string, rawInput: unknown) => Promise<Envelope<unknown>>;

/** Options of {@link bindHandlers}. */
export interface BindOptions {
  /**
   * Parse each handler's output with the contract's `output` schema (catches contract drift
   * in dev and tests). Defaults to true unless `NODE_ENV` is `production`.
   */
  readonly validateOutput?: boolean;
}

/** A success envelope. The only places that build envelopes are this module's functions. */
export function success<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** A failure envelope with a code, e.g. for refusals before a handler runs. */
export function failure(code: ErrorCode, message: string, details?: ErrorDetails): Envelope<never> {
  return {
    ok: false,
    error: serializeError(
      new AppError(code, message, details === undefined ? undefined : { details }),
    ),
  };
}

/** Lists channels of the contract that have no handler (empty when complete). */
export function missingHandlers(handlers: Partial<Record<Channel, unknown>>): Channel[] {
  return CHANNELS.filter((channel) => typeof handlers[channel] !== 'function');
}

/**
 * Binds handlers to the contract: the one path every IPC or HTTP call goes through.
 *
 * `invoke(channel, rawInput)` refuses channels outside the contract (`ipc.unknownChannel`),
 * parses the input with the channel's zod schema (`input.invalid`, naming the fields), runs
 * the handler, optionally parses its output, and turns thrown errors into a serialised
 * failure (AppErrors keep their code, anything else becomes `internal`).
 *
 * @throws Error at bind time when a contract channel has no handler (fail at startup).
 */
export function bindHandlers(handlers: Handlers, options: BindOptions = {}): Invoke {
  const missing = missingHandlers(handlers);
  if (missing.length > 0)
    throw new Error(`No handler for contract channel(s): ${missing.join(', ')}`);
  const validateOutput = options.validateOutput ?? process.env.NODE_ENV !== 'production';

  return async (channel, rawInput) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return failure(
        'ipc.unknownChannel',
        `Unknown channel ${JSON.stringify(channel).slice(0, 80)}.`,
      );
    }
    const schemas = contract[channel];
    const parsed = schemas.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return failure(
        'input.invalid',
        `Invalid input for ${channel}: ${z.prettifyError(parsed.error)}`,
        { channel },
      );
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      if (!validateOutput) return success(value);
      const checked = schemas.output.safeParse(value);
      if (!checked.success) {
        return failure(
          'internal',
          `Output of ${channel} does not match the contract: ${z.prettifyError(checked.error)}`,
          { channel },
        );
      }
      return success(checked.data);
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  };
}
