/**
 * Hostile input: garbage, truncated and bit-flipped frames must only ever produce our three error
 * types, never a RangeError/TypeError from deep inside, and forged lengths must not allocate.
 */
import { describe, expect, it } from 'vitest';
import {
  ApiKey,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  knownApis,
  ProtocolDecodeError,
  schemaVersions,
  UnknownApiError,
  UnsupportedVersionError,
  type RequestHeader,
} from './index.js';
import { planFor } from './plan.js';
import { sample } from './testing/samples.js';

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function allowed(e: unknown): boolean {
  return e instanceof ProtocolDecodeError || e instanceof UnsupportedVersionError || e instanceof UnknownApiError;
}

function tryDecodeRequest(frame: Buffer): void {
  try {
    decodeRequest(frame);
  } catch (e) {
    if (!allowed(e))
      throw new Error(
        `unexpected ${(e as Error)?.constructor?.name}: ${(e as Error)?.message} for ${frame.toString('hex')}`,
        { cause: e },
      );
  }
}

/** One valid request and response frame (without size prefix) per api and version. */
function validFrames(): Array<{ name: string; apiKey: number; version: number; request: Buffer; response: Buffer }> {
  const out = [];
  for (const api of knownApis) {
    const { min, max } = schemaVersions[api.key]!;
    for (let v = min; v <= max; v++) {
      const header: RequestHeader = { apiKey: api.key, apiVersion: v, correlationId: v, clientId: 'fuzz' };
      out.push({
        name: `${api.name} v${v}`,
        apiKey: api.key,
        version: v,
        request: encodeRequest(header, sample(planFor(api.request, v))).subarray(4),
        response: encodeResponse(header, sample(planFor(api.response, v))).subarray(4),
      });
    }
  }
  return out;
}

const frames = validFrames();

describe('robustness against malformed frames', () => {
  it('survives random garbage, with and without a plausible header', () => {
    const rand = rng(1);
    for (let i = 0; i < 20000; i++) {
      const len = Math.floor(rand() * 120);
      const frame = Buffer.alloc(len);
      for (let j = 0; j < len; j++) frame[j] = Math.floor(rand() * 256);
      if (len >= 4 && i % 2 === 0) {
        // steer half of them to a real api/version so the body decoders get exercised
        const api = knownApis[Math.floor(rand() * knownApis.length)];
        const { min, max } = schemaVersions[api.key]!;
        frame.writeInt16BE(api.key, 0);
        frame.writeInt16BE(min + Math.floor(rand() * (max - min + 1)), 2);
        if (len >= 10) frame.writeInt16BE(Math.floor(rand() * 4) - 1, 8);
      }
      tryDecodeRequest(frame);
    }
  });

  it('rejects every truncation of every valid request with ProtocolDecodeError', () => {
    for (const f of frames) {
      expect(() => decodeRequest(f.request), f.name).not.toThrow();
      for (let cut = 0; cut < f.request.length; cut++) {
        expect(() => decodeRequest(f.request.subarray(0, cut)), `${f.name} cut at ${cut}`).toThrow(ProtocolDecodeError);
      }
    }
  });

  it('rejects every truncation of every valid response with ProtocolDecodeError', () => {
    for (const f of frames) {
      for (let cut = 0; cut < f.response.length; cut++) {
        expect(
          () => decodeResponse(f.apiKey, f.version, f.response.subarray(0, cut)),
          `${f.name} cut at ${cut}`,
        ).toThrow(ProtocolDecodeError);
      }
    }
  });

  it('survives random byte corruption of valid requests', () => {
    const rand = rng(2);
    for (const f of frames) {
      for (let i = 0; i < 150; i++) {
        const frame = Buffer.from(f.request);
        const flips = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < flips; k++) frame[Math.floor(rand() * frame.length)] = Math.floor(rand() * 256);
        tryDecodeRequest(frame);
      }
    }
  });

  it('rejects forged huge lengths without allocating', () => {
    // Metadata v1: header then a topics array claiming 2^31-1 entries.
    const header = Buffer.from([0, ApiKey.Metadata, 0, 1, 0, 0, 0, 1, 0xff, 0xff]);
    const before = process.memoryUsage().heapUsed;
    expect(() => decodeRequest(Buffer.concat([header, Buffer.from([0x7f, 0xff, 0xff, 0xff])]))).toThrow(
      ProtocolDecodeError,
    );
    // Produce v3: records length 2^31-1 with 3 bytes behind it.
    const produce = encodeRequest(
      { apiKey: ApiKey.Produce, apiVersion: 3, correlationId: 1, clientId: null },
      {
        acks: 1,
        timeoutMs: 1,
        topicData: [{ name: 't', partitionData: [{ index: 0, records: Buffer.from([1, 2, 3]) }] }],
      },
    ).subarray(4);
    produce.writeInt32BE(0x7fffffff, produce.length - 7);
    expect(() => decodeRequest(produce)).toThrow(ProtocolDecodeError);
    // Flexible (compact) array with a 5-byte varint length near 2^32.
    const flex = Buffer.from([0, ApiKey.Metadata, 0, 12, 0, 0, 0, 1, 0xff, 0xff, 0, 0xfe, 0xff, 0xff, 0xff, 0x0f]);
    expect(() => decodeRequest(flex)).toThrow(ProtocolDecodeError);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });
});
