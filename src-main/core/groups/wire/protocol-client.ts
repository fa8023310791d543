/**
 * The project's codec as a client: encodes a request at the highest version both sides speak,
 * sends it over a kafkajs broker connection (see broker-request.ts) and decodes the answer.
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
} from '../../../kafka-protocol/index.js';
import { GroupProtocolError } from '../group-errors.js';
import { pickVersion, sendEncoded } from './broker-request.js';

/** Request header v1 as our encoder writes it: size, key, version, correlation id, null client id. */
const HEADER_BYTES = 4 + 2 + 2 + 4 + 2;

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));
// Codes of the KIP-848 protocol that the broker's table does not need.
NAMES.set(110, 'FENCED_MEMBER_EPOCH');
NAMES.set(113, 'STALE_MEMBER_EPOCH');

export function errorName(code: number): string {
  return NAMES.get(code) ?? `ERROR_${code}`;
}

/** A non-zero error code as an error carrying Kafka's name for it (what the wording functions read). */
export function protocolError(code: number, context: string, message?: string | null): GroupProtocolError {
  const name = errorName(code);
  return new GroupProtocolError(name, code, `${context}: ${message || name}`);
}

/** The version to use with this broker, or null when it does not serve the API at all. */
export function versionFor(broker: Broker, apiKey: number, maxVersion?: number): number | null {
  const ours = schemaVersions[apiKey];
  if (!ours) return null;
  return pickVersion(broker, apiKey, { min: ours.min, max: Math.min(ours.max, maxVersion ?? ours.max) });
}

export async function send<K extends number>(
  broker: Broker,
  apiKey: K,
  version: number,
  body: RequestBodyFor<K>,
): Promise<ResponseFor<K>> {
  const api = apiSchemas(apiKey);
  if (!api) throw new Error(`no schema for api key ${apiKey}`);
  const frame = encodeRequest({ apiKey, apiVersion: version, correlationId: 0, clientId: null }, body);
  // kafkajs writes its own header v1; a flexible version's empty tagged fields stay at the body's start.
  const payload = frame.subarray(HEADER_BYTES);
  return sendEncoded(broker, { apiKey, apiVersion: version, apiName: api.name, body: payload }, (rest) => {
    // decodeResponse reads the correlation id first; kafkajs has already taken it off.
    const withId = Buffer.concat([Buffer.alloc(4), rest]);
    return decodeResponse(apiKey, version, withId).body;
  });
}
