/** sessionStorage key of the browser host's per-run token. */
export const TOKEN_STORAGE_KEY = 'poc-studio.token';

/** What {@link takeToken} needs from the window: injectable for tests. */
export interface TokenEnvironment {
  readonly location: { readonly href: string };
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
}

/**
 * Returns the browser host's token.
 *
 * On first load the token arrives as `?token=` in the URL: it is kept in sessionStorage and
 * removed from the address bar (history.replaceState), so it is not left in history or in
 * screenshots. Later loads (reloads) read it back from sessionStorage.
 * Returns `undefined` when there is no token anywhere.
 */
export function takeToken(environment: TokenEnvironment): string | undefined {
  const url = new URL(environment.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    environment.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    const search = url.searchParams.toString();
    environment.history.replaceState(
      environment.history.state,
      '',
      `${url.pathname}${search === '' ? '' : `?${search}`}${url.hash}`,
    );
    return fromUrl;
  }
  const stored = environment.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  return stored === null || stored === '' ? undefined : stored;
}
