/**
 * The project's Kafka codec as a client, over a connection kafkajs already holds (TLS, SASL,
 * timeouts and reconnects stay kafkajs's job). kafkajs writes request header v1 itself; for a
 * flexible version the body keeps header v2's empty tagged fields at its start, and the answer
 * arrives after its correlation id. Used where kafkajs lacks an API (DescribeLogDirs,
 * IncrementalAlterConfigs) or drops what the broker said (error messages, config documentation).
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
      };
      response: { decode(payload: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
    }): Promise<unknown>;
  };
}

/** Our encoder's header v1 with a null client id: size, key, version, correlation id, client id length. */
const HEADER_V1_BYTES = 4 + 2 + 2 + 4 + 2;

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

export async function sendRequest<K extends number>(
  broker: Broker,
  apiKey: K,
  apiVersion: number,
  body: RequestBodyFor<K>,
): Promise<ResponseFor<K>> {
  const api = apiSchemas(apiKey);
  if (!api) throw new Error(`The codec has no schema for API key ${apiKey}`);
  const frame = encodeRequest({ apiKey, apiVersion, correlationId: 0, clientId: null }, body);
  const payload = frame.subarray(HEADER_V1_BYTES);
  const raw = broker as unknown as RawBroker;
  return (await raw.connectionPool.send({
    request: { apiKey, apiVersion, apiName: api.name, encode: async () => ({ buf: payload, buffer: payload }) },
    response: {
      // decodeResponse starts at the correlation id, which kafkajs has already read.
      decode: async (rest) => decodeResponse(apiKey, apiVersion, Buffer.concat([Buffer.alloc(4), rest])).body,
      parse: async (data) => data,
    },
  })) as ResponseFor<K>;
}

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));
// Codes the broker's own table does not need.
for (const [code, name] of [
  [34, 'ILLEGAL_SASL_STATE'],
  [73, 'TOPIC_DELETION_DISABLED'],
  [57, 'LOG_DIR_NOT_FOUND'],
] as const)
  if (!NAMES.has(code)) NAMES.set(code, name);

/** Kafka's name for an error code (INVALID_CONFIG for 40), as the wording functions expect it. */
export function errorName(code: number): string {
  return NAMES.get(code) ?? `ERROR_${code}`;
}
