/** Start-time probes: how soon a port accepts a TCP connection. */
import { connect } from 'node:net';

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Polls every ~2 ms (a refused connect costs well under 1 ms locally) so the figure is precise. */
export async function waitForTcp(port: number, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await tryConnect(port)) return;
    if (!alive()) throw new Error(`process exited before port ${port} accepted connections`);
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`port ${port} did not accept connections within ${timeoutMs} ms`);
}
