import { createServer } from 'node:net';

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port at or after `from` (for "9092 is taken, use 9093?"). */
export async function findFreePort(from: number, host = '127.0.0.1', attempts = 50): Promise<number | null> {
  for (let port = from; port < Math.min(from + attempts, 65536); port++) {
    if (await isPortFree(port, host)) return port;
  }
  return null;
}
