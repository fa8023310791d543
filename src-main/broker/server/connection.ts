/**
 * One client connection: frames requests, runs them one at a time in arrival order (as Kafka does,
 * so a waiting Fetch or JoinGroup holds back later responses), and applies backpressure.
 */
import type net from 'node:net';
import type { ClientInfo } from '../apis/context.js';
import { CloseConnection, type RequestRouter } from './request-router.js';
import { FrameReader, FrameSizeError } from './frame-reader.js';

export interface ConnectionOptions {
  maxFrameBytes: number;
  /** Stop reading the socket while more requests than this wait. */
  maxQueuedRequests: number;
  log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
}

export class Connection {
  private readonly reader: FrameReader;
  private readonly queue: Buffer[] = [];
  private head = 0;
  private busy = false;
  private closed = false;
  private paused = false;
  readonly client: ClientInfo;

  constructor(
    readonly socket: net.Socket,
    private readonly route: RequestRouter,
    private readonly opts: ConnectionOptions,
  ) {
    this.reader = new FrameReader(opts.maxFrameBytes);
    this.client = { clientId: null, clientHost: socket.remoteAddress ?? '' };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.updateFlow());
    socket.on('error', (e) => opts.log('debug', `connection ${this.describe()}: ${e.message}`));
    socket.on('close', () => {
      this.closed = true;
      this.queue.length = 0;
      this.head = 0;
    });
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
  }

  private describe(): string {
    return `${this.client.clientHost}:${this.socket.remotePort ?? '?'}${this.client.clientId ? ` (${this.client.clientId})` : ''}`;
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.reader.push(chunk);
    } catch (e) {
      if (e instanceof FrameSizeError) this.opts.log('warn', `closing ${this.describe()}: ${e.message}`);
      this.close();
      return;
    }
    for (const f of frames) this.queue.push(f);
    this.updateFlow();
    this.pump();
  }

  /** Pause reading while the queue is long or the socket's write buffer is full; resume otherwise. */
  private updateFlow(): void {
    if (this.closed) return;
    const shouldPause = this.pending > this.opts.maxQueuedRequests || this.socket.writableNeedDrain;
    if (shouldPause && !this.paused) {
      this.paused = true;
      this.socket.pause();
    } else if (!shouldPause && this.paused) {
      this.paused = false;
      this.socket.resume();
    }
  }

  /** Runs queued requests; synchronous answers are written in one corked burst. */
  private pump(): void {
    if (this.busy || this.closed) return;
    this.socket.cork();
    try {
      while (this.head < this.queue.length && !this.closed) {
        const frame = this.queue[this.head];
        this.queue[this.head++] = undefined as unknown as Buffer; // let the frame be collected
        let result: Buffer | null | Promise<Buffer | null>;
        try {
          result = this.route(frame, this.client);
        } catch (e) {
          this.fail(e);
          return;
        }
        if (result instanceof Promise) {
          this.busy = true;
          result.then(
            (buf) => {
              this.busy = false;
              this.write(buf);
              this.pump();
            },
            (e: unknown) => this.fail(e),
          );
          return;
        }
        this.write(result);
      }
      this.queue.length = 0;
      this.head = 0;
    } finally {
      this.socket.uncork();
      this.updateFlow();
    }
  }

  private write(buf: Buffer | null): void {
    if (buf && !this.closed) this.socket.write(buf);
  }

  private fail(e: unknown): void {
    const why = e instanceof CloseConnection ? e.message : `unexpected error: ${(e as Error)?.stack ?? String(e)}`;
    this.opts.log(e instanceof CloseConnection ? 'warn' : 'error', `closing ${this.describe()}: ${why}`);
    this.close();
  }
}
