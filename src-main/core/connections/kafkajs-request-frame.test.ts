import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// kafkajs 2.2.4 framed every request by copying its payload twice, each time into a zero-filled
// buffer grown to the next power of two: a 1 MiB Produce request cost 4 MiB of fresh memory, and a
// bulk send spent a large part of its time in the garbage collector. patches/kafkajs+2.2.4.patch
// copies it once into a frame of its exact size; this test fails if the patch is missing.
type CreateRequest = (args: {
  correlationId: number;
  clientId: string | null;
  request: { apiKey: number; apiVersion: number; encode: () => Promise<{ buf: Buffer; buffer: Buffer }> };
}) => Promise<{ buffer: Buffer }>;
const createRequest = createRequire(import.meta.url)('kafkajs/src/protocol/request') as CreateRequest;

describe("kafkajs's request framing", () => {
  it('puts the header and the payload in one buffer of exactly their size', async () => {
    const payload = Buffer.alloc(1024 * 1024 + 3, 7);
    const { buffer: frame } = await createRequest({
      correlationId: 42,
      clientId: 'samsa',
      request: { apiKey: 0, apiVersion: 7, encode: async () => ({ buf: payload, buffer: payload }) },
    });
    const header = 4 + 2 + 2 + 4 + 2 + 'samsa'.length;
    expect(frame.length).toBe(header + payload.length);
    // Unpatched, the frame is a view on a 2 MiB allocation.
    expect(frame.buffer.byteLength).toBeLessThan(frame.length + 64 * 1024);
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    expect(frame.readInt16BE(4)).toBe(0);
    expect(frame.readInt16BE(6)).toBe(7);
    expect(frame.readInt32BE(8)).toBe(42);
    expect(frame.readInt16BE(12)).toBe(5);
    expect(frame.toString('utf8', 14, 19)).toBe('samsa');
    expect(frame.subarray(header).equals(payload)).toBe(true);
  });

  it('writes a null client id as kafkajs always did', async () => {
    const payload = Buffer.from([1, 2, 3]);
    const { buffer: frame } = await createRequest({
      correlationId: 1,
      clientId: null,
      request: { apiKey: 18, apiVersion: 3, encode: async () => ({ buf: payload, buffer: payload }) },
    });
    expect([...frame]).toEqual([0, 0, 0, 13, 0, 18, 0, 3, 0, 0, 0, 1, 0xff, 0xff, 1, 2, 3]);
  });
});
