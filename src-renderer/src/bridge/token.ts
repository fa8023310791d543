const STORAGE_KEY = 'samsa.token';

interface LocationLike {
  protocol: string;
  host: string;
  search: string;
}

/**
 * The browser host prints a URL with `?token=`. Keep the token in sessionStorage so a reload
 * (after we strip it from the address bar) still works in this tab.
 */
export function resolveToken(location: LocationLike, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY);
}

export function wsUrl(location: LocationLike, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/api${query}`;
}

/** The URL without `token`, for history.replaceState, so it doesn't linger in history or screenshots. */
export function urlWithoutToken(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('token');
  return url.toString();
}

/** The API token of this tab (browser mode), for API requests made outside the WebSocket (downloads). */
export function storedToken(storage: Pick<Storage, 'getItem'> = sessionStorage): string | null {
  return storage.getItem(STORAGE_KEY);
}
