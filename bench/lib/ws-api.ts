/** The browser-mode WebSocket API as a benchmark drives it: calls and subscriptions, nothing more. */
import WebSocket from 'ws';

export interface WsApi {
  call<T = unknown>(method: string, params: unknown): Promise<T>;
  subscribe(name: string, params: unknown, onItems: (items: unknown[]) => void): () => void;
  close(): void;
}

export async function connectApi(appUrl: string): Promise<WsApi> {
  const u = new URL(appUrl);
  const ws = new WebSocket(`ws://${u.host}/api?token=${u.searchParams.get('token')}`, {
    headers: { origin: `http://${u.host}` },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const subs = new Map<number, (items: unknown[]) => void>();
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as {
      type: string;
      id: number;
      ok?: boolean;
      result?: unknown;
      error?: { message: string };
      items?: unknown[];
    };
    if (f.type === 'result') {
      const c = calls.get(f.id);
      calls.delete(f.id);
      if (f.ok) c?.resolve(f.result);
      else c?.reject(new Error(f.error?.message ?? 'call failed'));
    } else if (f.type === 'items') subs.get(f.id)?.(f.items ?? []);
  });
  return {
    call: <T>(method: string, params: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ type: 'call', id, method, params }));
      }),
    subscribe(name, params, onItems) {
      const id = next++;
      subs.set(id, onItems);
      ws.send(JSON.stringify({ type: 'subscribe', id, name, params }));
      return () => {
        subs.delete(id);
        ws.send(JSON.stringify({ type: 'unsubscribe', id }));
      };
    },
    close: () => ws.close(),
  };
}
