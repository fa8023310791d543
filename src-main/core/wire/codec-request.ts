/**
 * The project's Kafka codec as a client, over a connection kafkajs already holds: kafkajs keeps
 * TLS, SASL, correlation, timeouts and reconnects; the codec writes and reads the bodies. Used where
 * kafkajs lacks an API (DescribeLogDirs, IncrementalAlterConfigs, ConsumerGroupDescribe, ListGroups
 * v5), drops what the broker said (error messages, config documentation), or is slow (Fetch and
 * Produce of many records). Every such request goes through `sendRequest` here.
 *
 * On the wire: kafkajs writes request header v1 itself, so our encoder's header is cut off (a
 * flexible version's empty tagged fields stay at the body's start), and the answer arrives after
 * its correlation id.
 */
import type { Broker } from 'kafkajs';
import {
  apiSchemas,
  decodeResponse,
  encodeRequest,
  ErrorCode,
  schemaVersions,
  type RequestBodyFor,
  type ResponseFor,
} from '../../kafka-protocol/index.js';

/** What this file needs of kafkajs's Broker (present in 2.2.x, left out of its typings). */
interface RawBroker {
  versions?: Record<number, { minVersion: number; maxVersion: number }>;
  connectionPool: {
    send(request: {
      request: {
        apiKey: number;
        apiVersion: number;
        apiName: string;
        encode(): Promise<{ buf: Buffer; buffer: Buffer }>;
        expectResponse?: () => boolean;
      };
      response: { decode(payload: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
      requestTimeout?: number;
    }): Promise<unknown>;
  };
}

/** Our encoder's header v1 with a null client id: size, key, version, correlation id, client id length. */
const HEADER_V1_BYTES = 4 + 2 + 2 + 4 + 2;

/** The highest version of `apiKey` the broker serves, or undefined before kafkajs asked it (ApiVersions). */
export function brokerMaxVersion(broker: Broker, apiKey: number): number | undefined {
  return (broker as unknown as RawBroker).versions?.[apiKey]?.maxVersion;
}

/**
 * The highest version of `apiKey` both this codec and the broker speak (at most `max`), or null when
 * the broker does not serve it: the caller then says what is unavailable, or falls back.
 */
export function versionFor(broker: Broker, apiKey: number, max = Infinity): number | null {
  const ours = schemaVersions[apiKey];
  const theirs = (broker as unknown as RawBroker).versions?.[apiKey];
  if (!ours || !theirs) return null;
  const v = Math.min(ours.max, theirs.maxVersion, max);
  return v >= Math.max(ours.min, theirs.minVersion) ? v : null;
}

export interface SendOptions {
  /** How long kafkajs waits for the answer (its own default otherwise); a long poll needs its wait added. */
  requestTimeoutMs?: number;
  /** false for a request the broker does not answer (Produce with acks=0): resolves with undefined. */
  expectResponse?: boolean;
}

/** Sends a request and decodes its answer; with `expectResponse: false` (acks=0) resolves with undefined. */
export function sendRequest<K extends number>(
  broker: Broker,
  apiKey: K,
  apiVersion: number,
  body: RequestBodyFor<K>,
  opts?: SendOptions & { expectResponse?: true },
): Promise<ResponseFor<K>>;
export function sendRequest<K extends number>(
  broker: Broker,
  apiKey: K,
  apiVersion: number,
  body: RequestBodyFor<K>,
  opts: SendOptions,
): Promise<ResponseFor<K> | undefined>;
export async function sendRequest<K extends number>(
  broker: Broker,
  apiKey: K,
  apiVersion: number,
  body: RequestBodyFor<K>,
  opts: SendOptions = {},
): Promise<ResponseFor<K> | undefined> {
  const api = apiSchemas(apiKey);
  if (!api) throw new Error(`The codec has no schema for API key ${apiKey}`);
  const frame = encodeRequest({ apiKey, apiVersion, correlationId: 0, clientId: null }, body);
  const payload = frame.subarray(HEADER_V1_BYTES);
  const expectResponse = opts.expectResponse ?? true;
  const answer = await (broker as unknown as RawBroker).connectionPool.send({
    request: {
      apiKey,
      apiVersion,
      apiName: api.name,
      encode: async () => ({ buf: payload, buffer: payload }),
      expectResponse: () => expectResponse,
    },
    response: {
      // decodeResponse starts at the correlation id, which kafkajs has already read.
      decode: async (rest) => decodeResponse(apiKey, apiVersion, withCorrelationId(rest)).body,
      parse: async (data) => data,
    },
    ...(opts.requestTimeoutMs !== undefined ? { requestTimeout: opts.requestTimeoutMs } : {}),
  });
  return expectResponse ? (answer as ResponseFor<K>) : undefined;
}

/** Four bytes in front of the payload, without copying it when its buffer has room before it. */
function withCorrelationId(payload: Buffer): Buffer {
  if (payload.byteOffset >= 4) return Buffer.from(payload.buffer, payload.byteOffset - 4, payload.length + 4);
  return Buffer.concat([Buffer.alloc(4), payload]);
}

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code as number, name]));
// Codes the broker's own table does not need.
for (const [code, name] of [
  [34, 'ILLEGAL_SASL_STATE'],
  [57, 'LOG_DIR_NOT_FOUND'],
  [73, 'TOPIC_DELETION_DISABLED'],
  [110, 'FENCED_MEMBER_EPOCH'],
  [113, 'STALE_MEMBER_EPOCH'],
] as const)
  if (!NAMES.has(code)) NAMES.set(code, name);

/** Kafka's name for an error code (INVALID_CONFIG for 40), as the wording functions expect it. */
export function errorName(code: number): string {
  return NAMES.get(code) ?? `ERROR_${code}`;
}
