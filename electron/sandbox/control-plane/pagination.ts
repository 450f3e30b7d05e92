import { z } from 'zod';
import { ServiceError, invalidInput } from '../errors.js';
import type { OperationInput } from './context.js';

const tokenSchema = z.object({
  op: z.string(),
  filter: z.string(),
  offset: z.number().int().nonnegative(),
});

/** Default page size when `maxResults` is absent (SPEC §2.3). */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * One page of a List* result and the token of the next page (SPEC §2.3).
 *
 * The token is base64url JSON `{op, filter, offset}`, bound to the operation and its filter
 * argument. `items` must already be in list order (newest first).
 *
 * @throws ServiceError `InvalidNextTokenException` for a token that does not decode or was
 *   issued for another operation/filter; `InvalidInputException` for `maxResults` outside 1..100.
 */
export function paginate<T>(
  operation: string,
  filter: string,
  items: readonly T[],
  input: OperationInput,
): { page: T[]; nextToken?: string } {
  const maxResults = input.maxResults;
  const pageSize = typeof maxResults === 'number' ? maxResults : DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw invalidInput(
      `1 validation error detected: Value '${pageSize}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  }
  let offset = 0;
  const token = input.nextToken;
  if (typeof token === 'string' && token !== '') {
    const invalid = new ServiceError('InvalidNextTokenException', 'The next token is invalid.');
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch (error) {
      throw Object.assign(invalid, { cause: error });
    }
    const parsed = tokenSchema.strict().safeParse(decoded);
    if (!parsed.success || parsed.data.op !== operation || parsed.data.filter !== filter)
      throw invalid;
    // Base64url decoding ignores stray trailing characters: only the exact token issued passes.
    if (encodeToken(parsed.data) !== token) throw invalid;
    offset = parsed.data.offset;
  }
  const page = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  if (next >= items.length) return { page };
  return { page, nextToken: encodeToken({ op: operation, filter, offset: next }) };
}

/** The token of a page: base64url of its JSON, keys in this order. */
function encodeToken(token: z.infer<typeof tokenSchema>): string {
  return Buffer.from(
    JSON.stringify({ op: token.op, filter: token.filter, offset: token.offset }),
  ).toString('base64url');
}
