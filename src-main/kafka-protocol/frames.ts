/**
 * Whole frames: header + body, for both sides of a connection. Frames passed in are the bytes *after*
 * the 4-byte size prefix; buffers returned by the encoders *include* it, ready for socket.write.
 *
 * Bodies are typed by API key: with a literal key (ApiKey.Produce) they are the types derived from
 * that API's schemas; with a key only known at run time they are plain structs.
 */
import { ApiKey, apiSchemas, knownApis, type ApiWithKey } from './apis.js';
import { decodeStruct, encodeStruct } from './codec.js';
import { ProtocolDecodeError, ProtocolEncodeError, UnknownApiError, UnsupportedVersionError } from './codec-errors.js';
import { ErrorCode } from './error-codes.js';
import {
  readRequestHeaderFields,
  responseHeaderVersion,
  writeRequestHeader,
  writeResponseHeader,
  type RequestHeader,
} from './header.js';
import type { ApiVersions } from './messages/18-api-versions.js';
import { planFor } from './plan.js';
import { Reader } from './reader.js';
import { inVersions, parseVersions, type ApiSchemas, type MessageSchema, type VersionRange } from './schema.js';
import type { DecodedRequest, DecodedResponse, EncodableRequest, EncodableResponse, Struct } from './schema-types.js';
import { Writer } from './writer.js';

/** Body of a request to encode: typed for a literal API key, a plain struct otherwise. */
export type RequestBodyFor<K extends number> = number extends K ? Struct : EncodableRequest<ApiWithKey<K>>;
/** Body of a response to encode. */
export type ResponseBodyFor<K extends number> = number extends K ? Struct : EncodableResponse<ApiWithKey<K>>;
/** A decoded request body. */
export type RequestFor<K extends number> = number extends K ? Struct : DecodedRequest<ApiWithKey<K>>;
/** A decoded response body. */
export type ResponseFor<K extends number> = number extends K ? Struct : DecodedResponse<ApiWithKey<K>>;

/** Accepted version range per API key (sparse: undefined for an API that is not accepted). */
export type VersionTable = ReadonlyArray<VersionRange | undefined>;

function versionTable(): Array<VersionRange | undefined> {
  const out: Array<VersionRange | undefined> = [];
  for (const a of knownApis) {
    const range = parseVersions(a.request.validVersions);
    if (!range) throw new Error(`${a.name} has no valid versions`);
    out[a.key] = Object.freeze(range);
  }
  return out;
}

/** The versions transcribed for each API: what the codec encodes and decodes. */
export const schemaVersions: VersionTable = Object.freeze(versionTable());

export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  const api = apiSchemas(apiKey);
  return api !== undefined && inVersions(api.request.flexibleVersions, apiVersion);
}

function apiOrThrow(apiKey: number): ApiSchemas {
  const api = apiSchemas(apiKey);
  if (!api) throw new ProtocolEncodeError(`unknown api key ${apiKey}`);
  return api;
}

function checkVersion(api: ApiSchemas, version: number): void {
  const r = schemaVersions[api.key]!;
  if (version < r.min || version > r.max) {
    throw new ProtocolEncodeError(`${api.name} v${version} is outside ${r.min}-${r.max}`);
  }
}

/** Reads apiKey/apiVersion/correlationId/clientId only. Throws ProtocolDecodeError if even that is malformed. */
export function peekRequestHeader(frame: Buffer): RequestHeader {
  return readRequestHeaderFields(new Reader(frame));
}

/**
 * Full decode of a request frame, accepting the versions in `accepted` (by default every version
 * with a schema; a server passes the versions it serves). Throws UnknownApiError /
 * UnsupportedVersionError (both carrying the header, so the server can still answer) or
 * ProtocolDecodeError for a malformed frame.
 */
export function decodeRequest(
  frame: Buffer,
  accepted: VersionTable = schemaVersions,
): { header: RequestHeader; body: Struct } {
  const r = new Reader(frame);
  const header = readRequestHeaderFields(r);
  const api = apiSchemas(header.apiKey);
  const range = header.apiKey >= 0 ? accepted[header.apiKey] : undefined;
  if (!api || !range) throw new UnknownApiError(header, `unknown api key ${header.apiKey}`);
  if (header.apiVersion < range.min || header.apiVersion > range.max) {
    throw new UnsupportedVersionError(
      header,
      `${api.name} v${header.apiVersion} is not supported (supported: ${range.min}-${range.max})`,
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

/** decodeRequest for a frame that must carry the given API; the body is typed by it. */
export function decodeRequestOf<K extends number>(
  apiKey: K,
  frame: Buffer,
): { header: RequestHeader & { apiKey: K }; body: RequestFor<K> } {
  const { header, body } = decodeRequest(frame);
  if (header.apiKey !== apiKey) throw new ProtocolDecodeError(`expected api key ${apiKey}, got ${header.apiKey}`);
  return { header: header as RequestHeader & { apiKey: K }, body: body as RequestFor<K> };
}

function finishFrame(w: Writer): Buffer {
  w.buf.writeInt32BE(w.pos - 4, 0);
  return w.finish();
}

function encodeBody(schema: MessageSchema, version: number, w: Writer, body: Struct): void {
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
 * An ApiVersions request at a version without a schema is answered in v0 (KIP-511): that is the one
 * format every client can parse, and the client reads our ApiKeys list from it to pick a version.
 */
export function encodeResponse<K extends number>(
  header: RequestHeader & { apiKey: K },
  body: ResponseBodyFor<K>,
): Buffer {
  return finishFrame(writeResponse(new Writer(512), header, body));
}

/**
 * encodeResponse for a server: byte runs of at least `spliceMin` (record batches read from disk)
 * are not copied into the frame but returned as buffers of their own, to be written in order.
 */
export function encodeResponseChunks<K extends number>(
  header: RequestHeader & { apiKey: K },
  body: ResponseBodyFor<K>,
  spliceMin = 16 * 1024,
): Buffer[] {
  const w = writeResponse(new Writer(512, spliceMin), header, body);
  const chunks = w.finishChunks();
  chunks[0].writeInt32BE(w.length - 4, 0); // the first chunk always holds the size prefix
  return chunks;
}

function writeResponse<K extends number>(
  w: Writer,
  header: RequestHeader & { apiKey: K },
  body: ResponseBodyFor<K>,
): Writer {
  const api = apiOrThrow(header.apiKey);
  let version = header.apiVersion;
  const range = schemaVersions[api.key]!;
  if (api.key === ApiKey.ApiVersions && (version < range.min || version > range.max)) version = 0;
  checkVersion(api, version);
  const flexible = inVersions(api.response.flexibleVersions, version);
  w.int32(0); // size, patched at the end
  writeResponseHeader(w, header.correlationId, responseHeaderVersion(api.key, flexible));
  encodeBody(api.response, version, w, body);
  return w;
}

/**
 * KIP-511: the answer to an ApiVersions request at a version the server does not serve, always in
 * v0, so the client can read the server's list and retry with a version both know.
 */
export function encodeApiVersionsFallback(correlationId: number, body: EncodableResponse<typeof ApiVersions>): Buffer {
  return encodeResponse({ apiKey: ApiKey.ApiVersions, apiVersion: 0, correlationId, clientId: null }, body);
}

/** Encodes a request (size prefix + header + body), as a client sends it. */
export function encodeRequest<K extends number>(
  header: RequestHeader & { apiKey: K },
  body: RequestBodyFor<K>,
): Buffer {
  const api = apiOrThrow(header.apiKey);
  checkVersion(api, header.apiVersion);
  const flexible = inVersions(api.request.flexibleVersions, header.apiVersion);
  const w = new Writer(256);
  w.int32(0);
  writeRequestHeader(w, header, flexible);
  encodeBody(api.request, header.apiVersion, w, body);
  return finishFrame(w);
}

/**
 * Decodes a response frame (without its size prefix) for a known api and version. A server that
 * does not know the ApiVersions version asked for answers in v0 with UNSUPPORTED_VERSION (KIP-511):
 * such an answer is decoded as v0.
 */
export function decodeResponse<K extends number>(
  apiKey: K,
  apiVersion: number,
  frame: Buffer,
): { correlationId: number; body: ResponseFor<K> } {
  const api = apiOrThrow(apiKey);
  checkVersion(api, apiVersion);
  const r = new Reader(frame);
  const correlationId = r.int32();
  let version = apiVersion;
  if (apiKey === ApiKey.ApiVersions && r.remaining() >= 2 && frame.readInt16BE(r.pos) === ErrorCode.UNSUPPORTED_VERSION)
    version = 0;
  const flexible = inVersions(api.response.flexibleVersions, version);
  if (responseHeaderVersion(apiKey, flexible) === 1) r.skipTaggedFields();
  return { correlationId, body: decodeStruct(r, planFor(api.response, version)) as ResponseFor<K> };
}
