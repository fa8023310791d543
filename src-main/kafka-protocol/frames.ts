/**
 * Public API of the broker's wire-protocol codec. Frames passed in are the bytes *after* the 4-byte
 * size prefix; buffers returned by the encoders *include* it, ready for socket.write.
 */
import { ApiKey } from './api-keys.js';
import { decodeStruct, encodeStruct } from './codec.js';
import {
  ProtocolDecodeError,
  ProtocolEncodeError,
  UnknownApiError,
  UnsupportedVersionError,
  type RequestHeader,
} from './codec-errors.js';
import { readRequestHeaderFields, responseHeaderVersion, writeRequestHeader, writeResponseHeader } from './header.js';
import { API_SCHEMAS, type ApiSchemas } from './messages/index.js';
import { planFor } from './plan.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';
import { inVersions, parseVersions, type MessageSchema } from './schema.js';

export { ApiKey, type ApiKeyName } from './api-keys.js';
export { ProtocolDecodeError, ProtocolEncodeError, UnknownApiError, UnsupportedVersionError, type RequestHeader };
export type { FieldSchema, MessageSchema } from './schema.js';

interface ApiEntry extends ApiSchemas {
  minVersion: number;
  maxVersion: number;
}

// Indexed by api key: a sparse array lookup is cheaper than a Map on the request path.
const byKey: Array<ApiEntry | undefined> = [];
for (const a of API_SCHEMAS) {
  const range = parseVersions(a.request.validVersions);
  if (!range) throw new Error(`${a.name} has no valid versions`);
  byKey[a.apiKey] = { ...a, minVersion: range.min, maxVersion: range.max };
}

/** The APIs and version ranges this broker advertises in ApiVersions responses. */
export const supportedApis: ReadonlyArray<{ apiKey: number; name: string; minVersion: number; maxVersion: number }> =
  Object.freeze(
    byKey
      .filter((a): a is ApiEntry => a !== undefined && a.advertised)
      .map((a) =>
        Object.freeze({ apiKey: a.apiKey, name: a.name, minVersion: a.minVersion, maxVersion: a.maxVersion }),
      ),
  );

/** Every API we hold schemas for, advertised or not (SaslHandshake is decodable but not advertised). */
export const knownApis: ReadonlyArray<{
  apiKey: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  advertised: boolean;
}> = Object.freeze(
  byKey
    .filter((a): a is ApiEntry => a !== undefined)
    .map((a) =>
      Object.freeze({
        apiKey: a.apiKey,
        name: a.name,
        minVersion: a.minVersion,
        maxVersion: a.maxVersion,
        advertised: a.advertised,
      }),
    ),
);

export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  const api = byKey[apiKey];
  return api !== undefined && inVersions(api.request.flexibleVersions, apiVersion);
}

function apiOrThrow(apiKey: number): ApiEntry {
  const api = apiKey >= 0 ? byKey[apiKey] : undefined;
  if (!api) throw new ProtocolEncodeError(`unknown api key ${apiKey}`);
  return api;
}

function checkVersion(api: ApiEntry, version: number): void {
  if (version < api.minVersion || version > api.maxVersion) {
    throw new ProtocolEncodeError(`${api.name} v${version} is outside ${api.minVersion}-${api.maxVersion}`);
  }
}

/** Reads apiKey/apiVersion/correlationId/clientId only. Throws ProtocolDecodeError if even that is malformed. */
export function peekRequestHeader(frame: Buffer): RequestHeader {
  return readRequestHeaderFields(new Reader(frame));
}

/**
 * Full decode of a request frame. Throws UnknownApiError / UnsupportedVersionError (both carrying the
 * header, so the server can still answer) or ProtocolDecodeError for a malformed frame.
 */
export function decodeRequest(frame: Buffer): { header: RequestHeader; body: any } {
  const r = new Reader(frame);
  const header = readRequestHeaderFields(r);
  const api = header.apiKey >= 0 ? byKey[header.apiKey] : undefined;
  if (!api) throw new UnknownApiError(header, `unknown api key ${header.apiKey}`);
  if (header.apiVersion < api.minVersion || header.apiVersion > api.maxVersion) {
    throw new UnsupportedVersionError(
      header,
      `${api.name} v${header.apiVersion} is not supported (supported: ${api.minVersion}-${api.maxVersion})`,
    );
  }
  const plan = planFor(api.request, header.apiVersion);
  try {
    if (plan.flexible) r.skipTaggedFields(); // request header v2
    return { header, body: decodeStruct(r, plan) };
  } catch (err) {
    if (err instanceof ProtocolDecodeError) throw err;
    // Belt and braces: whatever slipped past the bounds checks is still a bad frame, not a crash.
    throw new ProtocolDecodeError(`malformed ${api.name} v${header.apiVersion}: ${(err as Error).message}`);
  }
}

function finishFrame(w: Writer): Buffer {
  w.buf.writeInt32BE(w.pos - 4, 0);
  return w.finish();
}

function encodeBody(schema: MessageSchema, version: number, w: Writer, body: Record<string, unknown>): void {
  try {
    encodeStruct(w, planFor(schema, version), body);
  } catch (err) {
    if (err instanceof ProtocolEncodeError) throw new ProtocolEncodeError(`${schema.name} v${version}: ${err.message}`);
    if (err instanceof RangeError || err instanceof TypeError) {
      throw new ProtocolEncodeError(`${schema.name} v${version}: ${err.message}`);
    }
    throw err;
  }
}

/**
 * Encodes a response (size prefix + response header + body) for the given request header.
 * An ApiVersions request at a version we don't support is answered in v0 (KIP-511): that is the one
 * format every client can parse, and the client reads our ApiKeys list from it to pick a version.
 */
export function encodeResponse(header: RequestHeader, body: Record<string, unknown>): Buffer {
  const api = apiOrThrow(header.apiKey);
  let version = header.apiVersion;
  if (api.apiKey === ApiKey.ApiVersions && (version < api.minVersion || version > api.maxVersion)) version = 0;
  checkVersion(api, version);
  const flexible = inVersions(api.response.flexibleVersions, version);
  const w = new Writer(512);
  w.int32(0); // size, patched at the end
  writeResponseHeader(w, header.correlationId, responseHeaderVersion(api.apiKey, flexible));
  encodeBody(api.response, version, w, body);
  return finishFrame(w);
}

/** Encodes a request (size prefix + header + body). Used by tests and fuzzing, and by any client code. */
export function encodeRequest(header: RequestHeader, body: Record<string, unknown>): Buffer {
  const api = apiOrThrow(header.apiKey);
  checkVersion(api, header.apiVersion);
  const flexible = inVersions(api.request.flexibleVersions, header.apiVersion);
  const w = new Writer(256);
  w.int32(0);
  writeRequestHeader(w, header, flexible);
  encodeBody(api.request, header.apiVersion, w, body);
  return finishFrame(w);
}

/** Decodes a response frame (without its size prefix) for a known api and version. */
export function decodeResponse(
  apiKey: number,
  apiVersion: number,
  frame: Buffer,
): { correlationId: number; body: any } {
  const api = apiOrThrow(apiKey);
  checkVersion(api, apiVersion);
  const flexible = inVersions(api.response.flexibleVersions, apiVersion);
  const r = new Reader(frame);
  const correlationId = r.int32();
  if (responseHeaderVersion(apiKey, flexible) === 1) r.skipTaggedFields();
  return { correlationId, body: decodeStruct(r, planFor(api.response, apiVersion)) };
}
