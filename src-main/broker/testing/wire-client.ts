/** Test helper: a minimal raw Kafka client over one socket, for protocol-level integration tests. */
import net from 'node:net';
import {
  decodeResponse,
  encodeRequest,
  type RequestBodyFor,
  type ResponseFor,
  type Struct,
} from '../../kafka-protocol/index.js';
import { FrameReader } from '../server/frame-reader.js';

interface Pending {
  apiKey: number;
  apiVersion: number;
  resolve: (body: Struct) => void;
  reject: (e: Error) => void;
}

export class WireClient {
  private correlationId = 0;
  private readonly pending = new Map<number, Pending>();
  /** Correlation ids in the order responses arrived. */
  readonly arrivals: number[] = [];
  closed = false;

  private constructor(readonly socket: net.Socket) {
    const reader = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        const id = frame.readInt32BE(0);
        this.arrivals.push(id);
        const p = this.pending.get(id);
        if (!p) continue;
        this.pending.delete(id);
        try {
          p.resolve(decodeResponse(p.apiKey, p.apiVersion, frame).body);
        } catch (e) {
          p.reject(e as Error);
        }
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('connection closed'));
      this.pending.clear();
    });
    socket.on('error', () => undefined);
  }

  static connect(host: string, port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port }, () => resolve(new WireClient(s)));
      s.once('error', reject);
    });
  }

  /** Sends a request; resolves with the decoded response body (never, for Produce acks=0). */
  send<K extends number>(
    apiKey: K,
    apiVersion: number,
    body: RequestBodyFor<K>,
  ): { correlationId: number; response: Promise<ResponseFor<K>> } {
    const correlationId = ++this.correlationId;
    const response = new Promise<ResponseFor<K>>((resolve, reject) =>
      this.pending.set(correlationId, {
        apiKey,
        apiVersion,
        resolve: (b) => resolve(b as ResponseFor<K>),
        reject,
      }),
    );
    response.catch(() => undefined); // a response that never comes (acks=0) must not become an unhandled rejection
    this.socket.write(encodeRequest({ apiKey, apiVersion, correlationId, clientId: 'wire-test' }, body));
    return { correlationId, response };
  }

  request<K extends number>(apiKey: K, apiVersion: number, body: RequestBodyFor<K>): Promise<ResponseFor<K>> {
    return this.send(apiKey, apiVersion, body).response;
  }

  /** Resolves when the broker closes the connection (or after timeoutMs with false). */
  waitClosed(timeoutMs = 2000): Promise<boolean> {
    if (this.closed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
