/** The listening socket and the set of live connections, so stop() can end them all. */
import net from 'node:net';
import { Connection, type ConnectionOptions } from './connection.js';
import type { RequestRouter } from './request-router.js';

export interface TcpServerOptions extends ConnectionOptions {
  /** Connections beyond this many are closed at once, with a warning in the log. */
  maxConnections: number;
}

export class TcpServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();

  constructor(route: RequestRouter, opts: TcpServerOptions) {
    this.server = net.createServer((socket) => {
      if (this.connections.size >= opts.maxConnections) {
        opts.log('warn', `refusing a connection from ${socket.remoteAddress ?? '?'}: ${opts.maxConnections} are open`);
        socket.on('error', () => undefined);
        socket.destroy();
        return;
      }
      const conn = new Connection(socket, route, opts);
      this.connections.add(conn);
      socket.once('close', () => this.connections.delete(conn));
    });
    this.log = opts.log;
  }

  private readonly log: ConnectionOptions['log'];

  /** Resolves with the bound address; rejects (e.g. EADDRINUSE) without leaving a listener behind. */
  listen(host: string, port: number): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen({ host, port, exclusive: true }, () => {
        this.server.off('error', onError);
        // Errors after a successful listen are logged; a failed listen is the caller's to report.
        this.server.on('error', (e) => this.log('error', `server: ${e.message}`));
        const addr = this.server.address() as net.AddressInfo;
        resolve({ host: addr.address, port: addr.port });
      });
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, then drops every connection (pending long polls have already been woken). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const c of this.connections) c.close();
      this.connections.clear();
    });
  }
}
