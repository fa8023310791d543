/**
 * Request/response headers. Header versions follow Kafka's rule: a flexible body version uses request
 * header v2 / response header v1 (tagged fields), otherwise v1 / v0. ApiVersions responses always use
 * header v0, because a client must parse them before it knows what the broker supports.
 */
import { ProtocolDecodeError } from './codec-errors.js';
import { ApiVersions } from './messages/18-api-versions.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/** Reads apiKey, apiVersion, correlationId and clientId: the part common to request headers v1 and v2. */
export function readRequestHeaderFields(r: Reader): RequestHeader {
  if (r.remaining() < 8) throw new ProtocolDecodeError(`request header truncated: ${r.remaining()} bytes`);
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  // clientId stays a classic int16-length string even in the flexible header v2.
  const clientId = r.nullableString();
  return { apiKey, apiVersion, correlationId, clientId };
}

export function writeRequestHeader(w: Writer, h: RequestHeader, flexible: boolean): void {
  w.int16(h.apiKey);
  w.int16(h.apiVersion);
  w.int32(h.correlationId);
  w.nullableString(h.clientId);
  if (flexible) w.emptyTaggedFields();
}

export function responseHeaderVersion(apiKey: number, flexible: boolean): 0 | 1 {
  return flexible && apiKey !== ApiVersions.key ? 1 : 0;
}

export function writeResponseHeader(w: Writer, correlationId: number, headerVersion: 0 | 1): void {
  w.int32(correlationId);
  if (headerVersion === 1) w.emptyTaggedFields();
}
