/**
 * Drives one raw TCP connection through a list of fuzz frames, one at a time, and classifies what
 * the broker did with each. Sequential per connection, so every outcome belongs to one frame.
 */
import net from 'node:net';
import { PROBE, PROBE_CORRELATION_ID, type FuzzFrame } from './frames.js';

export type Outcome =
  | 'answered' // probe answered (the frame got a response, or none when the protocol wants none)
  | 'closed' // the broker dropped the connection
  | 'lingered' // we hung up after sending bytes that lie about their length
  | 'parked' // no answer yet, but the frame asked for a wait longer than we give it
  | 'hang' // no answer, no close, no excuse
  | 'not-closed' // a size prefix outside [8, max] that the broker did not reject
  | 'bad-response'; // the broker sent a response frame with an impossible size

export interface FrameResult {
  frame: FuzzFrame;
  outcome: Outcome;
  ms: number;
  responses: number;
}

export interface SessionOptions {
  port: number;
  /** How long past a frame's declared wait we give the broker before calling it a hang. */
  graceMs: number;
  /** Hang up on a parked request after this long (so legit long polls don't stall the run). */
  maxParkMs: number;
  lingerMs: number;
}

export async function runSession(frames: FuzzFrame[], opts: SessionOptions): Promise<FrameResult[]> {
  const socket = net.connect({ host: '127.0.0.1', port: opts.port });
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  let responses = 0;
  let probeSeen = 0;
  let closed = false;
  let badResponse = false;
  let wake: (() => void) | null = null;
  const poke = () => wake?.();

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined); // EPIPE/ECONNRESET after the broker hangs up: 'close' follows
  socket.on('close', () => {
    closed = true;
    poke();
  });
  socket.on('data', (d: Buffer) => {
    buffered = Buffer.concat([buffered, d]);
    while (buffered.length >= 4) {
      const size = buffered.readInt32BE(0);
      if (size < 4) {
        badResponse = true;
        socket.destroy();
        return;
      }
      if (buffered.length < 4 + size) break;
      responses++;
      if (buffered.readInt32BE(4) === PROBE_CORRELATION_ID) probeSeen++;
      buffered = buffered.subarray(4 + size);
    }
    poke();
  });

  /** Resolves when `done()` holds or `ms` pass; returns whether `done()` held. */
  const waitUntil = (done: () => boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (done()) return resolve(true);
      const t = setTimeout(() => {
        wake = null;
        resolve(done());
      }, ms);
      wake = () => {
        if (!done()) return;
        clearTimeout(t);
        wake = null;
        resolve(true);
      };
    });

  const results: FrameResult[] = [];
  for (const frame of frames) {
    if (closed) break;
    const started = Date.now();
    const before = responses;
    const probesBefore = probeSeen;
    let outcome: Outcome;
    if (frame.expect === 'linger') {
      socket.write(frame.bytes);
      await waitUntil(() => closed, opts.lingerMs);
      outcome = closed ? 'closed' : 'lingered';
      results.push({ frame, outcome, ms: Date.now() - started, responses: responses - before });
      break; // the stream is out of step now: nothing after this frame means anything
    }
    if (frame.expect === 'close') {
      socket.write(frame.bytes);
      outcome = (await waitUntil(() => closed, opts.graceMs)) ? 'closed' : 'not-closed';
      results.push({ frame, outcome, ms: Date.now() - started, responses: responses - before });
      break;
    }
    socket.write(Buffer.concat([frame.bytes, PROBE]));
    const budget = Math.min(frame.parkMs, opts.maxParkMs) + opts.graceMs;
    const ok = await waitUntil(() => closed || probeSeen > probesBefore, budget);
    if (badResponse) outcome = 'bad-response';
    else if (probeSeen > probesBefore) outcome = 'answered';
    else if (closed) outcome = 'closed';
    else outcome = !ok && frame.parkMs > opts.maxParkMs ? 'parked' : 'hang';
    results.push({ frame, outcome, ms: Date.now() - started, responses: responses - before });
    if (outcome === 'parked' || outcome === 'hang') break;
  }
  socket.destroy();
  return results;
}
