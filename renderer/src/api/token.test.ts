import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_STORAGE_KEY, type TokenEnvironment } from './token.js';

function environment(href: string, stored?: string) {
  const storage = new Map<string, string>(
    stored === undefined ? [] : [[TOKEN_STORAGE_KEY, stored]],
  );
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    location: { href },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
    history: {
      state: null,
      replaceState: (_state, _unused, url) => void replaced.push(String(url)),
    },
  };
  return { env, storage, replaced };
}

describe('takeToken', () => {
  it('takes the token from the URL, keeps it in sessionStorage and removes it from the address bar', () => {
    const { env, storage, replaced } = environment(
      'http://127.0.0.1:5000/?token=abc123&x=1#/import',
    );
    expect(takeToken(env)).toBe('abc123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?x=1#/import']);
  });

  it('reads the stored token after a reload, without touching history', () => {
    const { env, replaced } = environment('http://127.0.0.1:5000/#/data', 'kept');
    expect(takeToken(env)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('prefers a new URL token over a stored one', () => {
    const { env, storage } = environment('http://127.0.0.1:5000/?token=new', 'old');
    expect(takeToken(env)).toBe('new');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('returns undefined when there is no token', () => {
    expect(takeToken(environment('http://127.0.0.1:5000/').env)).toBeUndefined();
  });
});
