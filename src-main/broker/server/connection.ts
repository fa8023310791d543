/**
 * One client connection: frames requests, runs them one at a time in arrival order (as Kafka does,
 * so a waiting Fetch or JoinGroup holds back later responses), and applies backpressure.
 */
import type net from 'node:net';
import type { ClientInfo } from '../apis/context.js';
import { giveBackReadBuffer, isReadBuffer } from '../log/read-buffers.js';
import { CloseConnection, type RequestRouter, type ResponseFrame } from './request-router.js';
import { FrameReader, FrameSizeError } from './frame-reader.js';

export interface ConnectionOptions {
  maxFrameBytes: number;
  /** Stop reading the socket while more requests than this wait. */
  maxQueuedRequests: number;
  /**
   * Stop reading the socket while the waiting requests (and a frame still arriving) hold more bytes
   * than this: many large produce requests must not pile up in memory behind one slow request.
   */
  maxQueuedBytes: number;
  /** Close a connection that sent nothing and has nothing in progress for this long (Kafka's connections.max.idle.ms). */
  idleTimeoutMs: number;
  log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
}

export class Connection {
  private readonly reader: FrameReader;
  private readonly queue: Buffer[] = [];
  private head = 0;
  /** Bytes of the frames in `queue` from `head` on. */
  private queuedBytes = 0;
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
    this.client = { clientId: null, clientHost: kafkaClientHost(socket.remoteAddress) };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.updateFlow());
    socket.on('error', (e) => opts.log('debug', `connection ${this.describe()}: ${e.message}`));
    socket.on('close', () => {
      this.closed = true;
      this.client.closed = true;
      this.queue.length = 0;
      this.head = 0;
      this.queuedBytes = 0;
    });
    if (opts.idleTimeoutMs > 0) {
      // Fires after that long without reads or writes; a request in progress (a long poll) is not idle.
      socket.setTimeout(opts.idleTimeoutMs, () => {
        if (this.busy || this.pending > 0) return;
        opts.log('debug', `closing ${this.describe()}: idle for ${opts.idleTimeoutMs} ms`);
        this.close();
      });
    }
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
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}${this.client.clientId ? ` (${this.client.clientId})` : ''}`;
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
    for (const f of frames) {
      this.queue.push(f);
      this.queuedBytes += f.length;
    }
    this.updateFlow();
    this.pump();
  }

  /** Pause reading while the queue is long or the socket's write buffer is full; resume otherwise. */
  private updateFlow(): void {
    if (this.closed) return;
    const shouldPause =
      this.pending > this.opts.maxQueuedRequests ||
      // Only while requests wait: running them is what resumes reading (a lone large frame still arrives).
      (this.pending > 0 && this.queuedBytes + this.reader.pendingBytes > this.opts.maxQueuedBytes) ||
      this.socket.writableNeedDrain;
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
        this.queuedBytes -= frame.length;
        let result: ResponseFrame | null | Promise<ResponseFrame | null>;
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
      this.queuedBytes = 0;
    } finally {
      this.socket.uncork();
      this.updateFlow();
    }
  }

  private write(response: ResponseFrame | null): void {
    if (!response || this.closed) return;
    if (Buffer.isBuffer(response)) {
      this.socket.write(response);
      return;
    }
    // Corked, the chunks leave in one writev; outside pump() the socket is not corked yet. Pooled
    // read buffers go back once the socket has taken their bytes.
    this.socket.cork();
    for (const chunk of response) {
      if (isReadBuffer(chunk)) this.socket.write(chunk, () => giveBackReadBuffer(chunk));
      else this.socket.write(chunk);
    }
    this.socket.uncork();
  }

  private fail(e: unknown): void {
    const why = e instanceof CloseConnection ? e.message : `unexpected error: ${(e as Error)?.stack ?? String(e)}`;
    this.opts.log(e instanceof CloseConnection ? 'warn' : 'error', `closing ${this.describe()}: ${why}`);
    this.close();
  }
}

/**
 * A client's address as Kafka reports it in group descriptions (Java's InetAddress.toString() of an
 * unresolved address: "/127.0.0.1"), with Node's IPv4-mapped IPv6 prefix removed.
 */
export function kafkaClientHost(address: string | undefined): string {
  if (!address) return '';
  return `/${address.startsWith('::ffff:') ? address.slice(7) : address}`;
}
