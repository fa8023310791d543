/**
 * Sends a request encoded by our own codec over a kafkajs broker connection. kafkajs has already
 * done the hard parts of that connection (TLS, SASL, reconnects, request timeouts, in-flight
 * limits); it only lacks the APIs Samsa needs beyond it (ConsumerGroupDescribe, batched OffsetFetch,
 * ListGroups v5, OffsetDelete). kafkajs writes request header v1 (api key, version, correlation id,
 * client id); for a flexible version the body starts with header v2's empty tagged fields, and
 * the response arrives after its correlation id, starting with response header v1's tagged fields.
 */
import type { Broker } from 'kafkajs';

/** The parts of kafkajs's Broker this file relies on (present in 2.2.x, left out of its typings). */
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

/** The highest version both sides speak, or null when the broker does not serve the API in `ours`. */
export function pickVersion(broker: Broker, apiKey: number, ours: { min: number; max: number }): number | null {
  const theirs = (broker as unknown as RawBroker).versions?.[apiKey];
  if (!theirs) return null;
  const v = Math.min(theirs.maxVersion, ours.max);
  return v >= Math.max(theirs.minVersion, ours.min) ? v : null;
}

/**
 * `body`: the encoded request body, already preceded by the empty tagged-fields byte of header v2
 * when the version is flexible. `decode` receives the response after the correlation id.
 */
export async function sendEncoded<T>(
  broker: Broker,
  req: { apiKey: number; apiVersion: number; apiName: string; body: Buffer },
  decode: (payload: Buffer) => T,
): Promise<T> {
  const raw = broker as unknown as RawBroker;
  return (await raw.connectionPool.send({
    request: {
      apiKey: req.apiKey,
      apiVersion: req.apiVersion,
      apiName: req.apiName,
      encode: async () => ({ buf: req.body, buffer: req.body }),
    },
    response: {
      decode: async (payload) => decode(payload),
      parse: async (data) => data,
    },
  })) as T;
}
