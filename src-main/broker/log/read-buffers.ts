/**
 * Reusable buffers for Fetch reads. A full-speed consumer makes the broker read a megabyte per
 * partition per fetch; with a fresh buffer for every read the garbage collector took 15 % of the
 * broker's time. A buffer comes back once the socket has taken its bytes (connection.ts), so the
 * next read fills memory that is already there.
 */

/** Kafka's default max.partition.fetch.bytes: larger reads get a buffer of their own. */
export const READ_BUFFER_BYTES = 1 << 20;
/**
 * Smaller reads get a buffer of their own too. Anything handed on from a pooled buffer is at least
 * this long, so the response writer splices it in (encodeResponseChunks) and never copies it.
 */
export const POOLED_READ_MIN = 64 * 1024;
/** Free buffers kept at most (16 MiB); more are left to the garbage collector. */
const MAX_FREE = 16;

const free: Buffer[] = [];
/** Every pooled buffer's memory, and whether it is handed out (a second give-back is ignored). */
const lent = new WeakMap<ArrayBufferLike, { out: boolean; whole: Buffer }>();

/** A buffer of `length` bytes, from the pool when it fits one. Its contents are not cleared. */
export function takeReadBuffer(length: number): Buffer {
  if (length < POOLED_READ_MIN || length > READ_BUFFER_BYTES) return Buffer.allocUnsafe(length);
  let whole = free.pop();
  if (!whole) {
    whole = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES); // its own memory, never shared with other buffers
    lent.set(whole.buffer, { out: true, whole });
  } else lent.get(whole.buffer)!.out = true;
  return whole.subarray(0, length);
}

/** Whether `b` is (a view on) a pooled buffer; only such chunks need giving back. */
export function isReadBuffer(b: Buffer): boolean {
  return lent.has(b.buffer);
}

/** Returns the pooled buffer `b` is a view on; call only when nothing reads `b` any more. */
export function giveBackReadBuffer(b: Buffer): void {
  const entry = lent.get(b.buffer);
  if (!entry?.out) return;
  entry.out = false;
  if (free.length < MAX_FREE) free.push(entry.whole);
}
