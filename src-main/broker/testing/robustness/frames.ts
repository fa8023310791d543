/**
 * Frame generators for the broker fuzz test. Each FuzzFrame says what the broker may do with it:
 *  - 'answer-or-close': well framed; the broker must answer (any response, errors included) or drop
 *    the connection. A probe request follows, so an unanswered acks=0 Produce is still observable.
 *  - 'close': size prefix outside [8, max]; the broker must drop the connection.
 *  - 'linger': the bytes lie about their own size; the broker may legitimately wait for more, so we
 *    just wait a little and hang up (the test is that nothing crashes or leaks).
 */
import { ApiKey, apiSchemas, decodeRequest, encodeRequest, isFlexibleVersion } from '../../../kafka-protocol/index.js';
import { planFor } from '../../../kafka-protocol/plan.js';
import { sample } from '../../../kafka-protocol/testing/samples.js';
import { BROKER_APIS } from '../../apis/registry.js';
import { BATCH_FAULTS, faultyBatch } from './batches.js';
import { mutateFrame, reframe } from './mutate.js';
import type { Rng } from './prng.js';

export type Expect = 'answer-or-close' | 'close' | 'linger';

export interface FuzzFrame {
  kind: string;
  bytes: Buffer;
  expect: Expect;
  /** The longest the broker may legitimately park this request (Fetch maxWait, JoinGroup rebalance timeout). */
  parkMs: number;
}

export interface FuzzTopics {
  /** Produce/Fetch targets: name → partition count. */
  main: string;
  compact: string;
  /** Never produced to, so a Fetch on it parks for its full maxWait. */
  quiet: string;
}

/** Correlation id of the ApiVersions probe sent after each answer-or-close frame. */
export const PROBE_CORRELATION_ID = 0x50524f42;
export const PROBE: Buffer = encodeRequest(
  { apiKey: ApiKey.ApiVersions, apiVersion: 0, correlationId: PROBE_CORRELATION_ID, clientId: 'probe' },
  {},
);

const MAX_FRAME = 100 * 1024 * 1024;
const KNOWN_KEYS = new Set(BROKER_APIS.map((a) => a.key));
const ADVERTISED = BROKER_APIS.filter((a) => a.advertised);
/** APIs whose topic names we may point at real topics without destroying them (no deletes, no config changes). */
const READ_OR_APPEND = new Set<number>([
  ApiKey.Produce,
  ApiKey.Fetch,
  ApiKey.ListOffsets,
  ApiKey.Metadata,
  ApiKey.OffsetCommit,
  ApiKey.OffsetFetch,
  ApiKey.DescribeConfigs,
]);

let uniq = 0;

/**
 * Makes a sample body usable against a live broker: short waits (so nothing parks for minutes),
 * unique group ids (so fuzz connections don't rebalance each other's groups), and for harmless
 * APIs real topic names and partition numbers so the handlers get past the lookup.
 */
function sanitize(rng: Rng, apiKey: number, value: unknown, topics: FuzzTopics): unknown {
  if (Array.isArray(value)) return value.map((v) => sanitize(rng, apiKey, v, topics));
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    let nv = sanitize(rng, apiKey, v, topics);
    if (/^(maxWaitMs|rebalanceTimeoutMs|sessionTimeoutMs|timeoutMs)$/.test(k) && typeof v === 'number')
      nv = rng.int(0, 500);
    else if (k === 'groupId' && typeof v === 'string') nv = `fuzz-g-${uniq++}`;
    else if (READ_OR_APPEND.has(apiKey)) {
      if ((k === 'name' || k === 'topic') && typeof v === 'string' && rng.chance(0.6))
        nv = rng.pick([topics.main, topics.compact]);
      else if (/^(partition|partitionIndex|index)$/.test(k) && typeof v === 'number' && rng.chance(0.7))
        nv = rng.int(0, 3);
      else if (k === 'acks') nv = rng.pick([0, 1, -1, 2]);
      else if (k === 'records' && rng.chance(0.7)) nv = faultyBatch(rng, rng.pick(BATCH_FAULTS), 16);
      else if (k === 'fetchOffset') nv = BigInt(rng.int(0, 50));
    }
    out[k] = nv;
  }
  return out;
}

function header(apiKey: number, apiVersion: number) {
  return { apiKey, apiVersion, correlationId: uniq++ & 0x3fffffff, clientId: 'fuzz' };
}

/** A well-formed request of a random supported API and version (with a lively body). */
export function validRequest(rng: Rng, topics: FuzzTopics): { bytes: Buffer; apiKey: number; version: number } {
  const api = rng.pick(ADVERTISED);
  const version = rng.int(api.versions.min, api.versions.max);
  const schemas = apiSchemas(api.key)!;
  const body = sanitize(rng, api.key, sample(planFor(schemas.request, version)), topics) as Record<string, unknown>;
  return { bytes: encodeRequest(header(api.key, version), body), apiKey: api.key, version };
}

/** How long the broker may park this frame, read the way the broker will read it. */
export function parkBudget(bytes: Buffer): number {
  try {
    const { body } = decodeRequest(bytes.subarray(4));
    const b = body as Record<string, unknown>;
    let ms = 0;
    for (const k of ['maxWaitMs', 'rebalanceTimeoutMs', 'sessionTimeoutMs'])
      if (typeof b[k] === 'number') ms = Math.max(ms, b[k] as number);
    return ms;
  } catch {
    return 0;
  }
}

function answerable(kind: string, bytes: Buffer): FuzzFrame {
  return { kind, bytes, expect: 'answer-or-close', parkMs: parkBudget(bytes) };
}

// ---------------------------------------------------------------- generators

function randomBytes(rng: Rng): FuzzFrame {
  const body = rng.bytes(rng.int(0, 2048));
  const size = rng.pick([
    rng.int(-0x80000000, 0x7fffffff),
    rng.int(0, 4096),
    body.length,
    body.length + rng.int(-8, 8),
  ]);
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(size | 0);
  return { kind: 'random-bytes', bytes: Buffer.concat([prefix, body]), expect: 'linger', parkMs: 0 };
}

function badSizePrefix(rng: Rng): FuzzFrame {
  const size = rng.pick([
    -1,
    -0x80000000,
    rng.int(-0x80000000, -1),
    0,
    rng.int(1, 7),
    MAX_FRAME + 1,
    rng.int(MAX_FRAME + 1, 0x7fffffff),
    0x7fffffff,
  ]);
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(size);
  return {
    kind: 'bad-size-prefix',
    bytes: Buffer.concat([prefix, rng.bytes(rng.int(0, 64))]),
    expect: 'close',
    parkMs: 0,
  };
}

/** A valid request whose size prefix is longer (broker waits) or shorter (rest is misread) than the bytes. */
function lyingSize(rng: Rng, topics: FuzzTopics): FuzzFrame {
  const f = Buffer.from(validRequest(rng, topics).bytes);
  const real = f.length - 4;
  const lie = rng.pick([real + rng.int(1, 64), rng.int(real + 1, MAX_FRAME), Math.max(8, real - rng.int(1, 32)), 8]);
  f.writeInt32BE(lie, 0);
  return { kind: 'lying-size', bytes: f, expect: 'linger', parkMs: 0 };
}

function truncatedValid(rng: Rng, topics: FuzzTopics): FuzzFrame {
  const f = validRequest(rng, topics).bytes;
  const cut = f.subarray(0, rng.int(4 + 8, f.length - 1));
  // Either the prefix is fixed to the cut length (a short but well-framed request) or still claims the
  // full length and we hang up mid-frame.
  if (rng.chance(0.7)) return answerable('truncated', reframe(Buffer.from(cut)));
  return { kind: 'truncated-hangup', bytes: cut, expect: 'linger', parkMs: 0 };
}

function unknownApiOrVersion(rng: Rng, topics: FuzzTopics): FuzzFrame {
  const f = Buffer.from(validRequest(rng, topics).bytes);
  if (rng.chance(0.5)) {
    let key: number;
    do key = rng.pick([rng.int(-32768, 32767), rng.int(0, 80), -1, 32767]);
    while (KNOWN_KEYS.has(key));
    f.writeInt16BE(key, 4);
    return answerable('unknown-api', f);
  }
  const { min, max } = ADVERTISED.find((a) => a.key === f.readInt16BE(4))!.versions;
  f.writeInt16BE(
    rng.pick(
      [-1, -32768, max + 1, max + rng.int(2, 100), 32767, min - 1].filter((v) => v >= -32768 && (v < min || v > max)),
    ),
    6,
  );
  return answerable('bad-version', f);
}

function mutatedValid(rng: Rng, topics: FuzzTopics): FuzzFrame {
  const { bytes, apiKey, version } = validRequest(rng, topics);
  if (rng.chance(0.1)) return answerable('valid', bytes);
  return answerable('mutated', mutateFrame(rng, bytes, isFlexibleVersion(apiKey, version)));
}

/** Produce of (mostly broken) batches to the real topics, some with the request itself mutated too. */
function produceBatches(rng: Rng, topics: FuzzTopics): FuzzFrame {
  const version = rng.int(3, 9);
  const topic = rng.chance(0.75) ? topics.main : topics.compact;
  const maxBomb = topic === topics.compact ? 16 : 300;
  const partitions = Array.from({ length: rng.int(1, 3) }, () => ({
    index: rng.int(0, 3),
    records: faultyBatch(rng, rng.pick(BATCH_FAULTS), maxBomb),
  }));
  const acks = rng.pick([1, -1, -1, 0]);
  const f = encodeRequest(header(ApiKey.Produce, version), {
    transactionalId: null,
    acks,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: partitions }],
  });
  if (rng.chance(0.15))
    return answerable('produce-mutated', mutateFrame(rng, f, isFlexibleVersion(ApiKey.Produce, version)));
  return answerable('produce-batches', f);
}

/** A Fetch the broker must park (no data on the quiet topic) and answer when maxWait expires. */
function longPollFetch(rng: Rng, topics: FuzzTopics): FuzzFrame {
  const version = rng.int(4, 12);
  const f = encodeRequest(header(ApiKey.Fetch, version), {
    replicaId: -1,
    maxWaitMs: rng.int(50, 1500),
    minBytes: rng.pick([1, 1_000_000, 0x7fffffff]),
    maxBytes: 0x7fffffff,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic: topics.quiet,
        partitions: [
          { partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1_048_576 },
        ],
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  });
  return answerable('fetch-long-poll', f);
}

const GENERATORS: Array<[number, (rng: Rng, topics: FuzzTopics) => FuzzFrame]> = [
  [10, randomBytes],
  [5, badSizePrefix],
  [6, lyingSize],
  [12, truncatedValid],
  [8, unknownApiOrVersion],
  [35, mutatedValid],
  [20, produceBatches],
  [4, longPollFetch],
];
const TOTAL_WEIGHT = GENERATORS.reduce((n, [w]) => n + w, 0);

export function nextFrame(rng: Rng, topics: FuzzTopics): FuzzFrame {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const [w, g] of GENERATORS) {
    if ((r -= w) < 0) return g(rng, topics);
  }
  return GENERATORS[0][1](rng, topics);
}
