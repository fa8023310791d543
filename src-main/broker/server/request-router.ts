/**
 * The broker's request router: one request frame in, one encoded response out (or none). It decodes
 * the frame at a served version, runs the API's handler and encodes its answer. Decoding problems and
 * handler failures become Kafka error responses where the protocol allows it; otherwise
 * CloseConnection is thrown and only that connection is dropped.
 */
import {
  ApiKey,
  decodeRequest,
  encodeApiVersionsFallback,
  encodeResponse,
  encodeResponseChunks,
  ErrorCode,
  ProtocolDecodeError,
  UnknownApiError,
  UnsupportedVersionError,
  type RequestHeader,
  type Struct,
} from '../../kafka-protocol/index.js';
import { unsupportedApiVersionsBody } from '../apis/18-api-versions.js';
import type { BrokerContext, ClientInfo } from '../apis/context.js';
import { servedVersions, type RoutedApi } from '../apis/registry.js';

export class CloseConnection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CloseConnection';
  }
}

/** An encoded response: one buffer, or several to be written in order (record batches are not copied into the frame). */
export type ResponseFrame = Buffer | Buffer[];

export type RequestRouter = (frame: Buffer, client: ClientInfo) => ResponseFrame | null | Promise<ResponseFrame | null>;

function isPromise<T>(v: unknown): v is Promise<T> {
  return typeof (v as Promise<T> | null)?.then === 'function';
}

export function createRequestRouter(ctx: BrokerContext, apis: ReadonlyArray<RoutedApi | undefined>): RequestRouter {
  const accepted = servedVersions(apis);

  /** A generic error body: fields the API lacks are ignored and missing ones take their defaults. */
  const errorResponse = (header: RequestHeader, code: number, why: string): Buffer => {
    try {
      return encodeResponse(header, { errorCode: code, throttleTimeMs: 0 });
    } catch {
      throw new CloseConnection(why);
    }
  };

  const failed = (header: RequestHeader, request: Struct, e: unknown): Buffer | null => {
    if (e instanceof CloseConnection) throw e;
    const api = header.apiKey;
    ctx.log(
      'error',
      `api ${api} v${header.apiVersion} from ${header.clientId ?? '?'} failed: ${(e as Error)?.stack ?? String(e)}`,
    );
    if (api === ApiKey.Produce && request.acks === 0) return null;
    return errorResponse(header, ErrorCode.UNKNOWN_SERVER_ERROR, `handler for api ${api} failed`);
  };

  const encode = (header: RequestHeader, request: Struct, response: Struct | null): ResponseFrame | null => {
    if (response === null) return null;
    try {
      return encodeResponseChunks(header, response);
    } catch (e) {
      return failed(header, request, e);
    }
  };

  return (frame, client) => {
    let header: RequestHeader;
    let request: Struct;
    try {
      ({ header, body: request } = decodeRequest(frame, accepted));
    } catch (e) {
      if (e instanceof UnsupportedVersionError) {
        const h = e.header;
        if (h.apiKey === ApiKey.ApiVersions)
          return encodeApiVersionsFallback(h.correlationId, unsupportedApiVersionsBody(ctx));
        ctx.log('warn', `${e.message} (client ${h.clientId ?? '?'})`);
        return errorResponse(h, ErrorCode.UNSUPPORTED_VERSION, e.message);
      }
      if (e instanceof UnknownApiError) throw new CloseConnection(`${e.message} (client ${e.header.clientId ?? '?'})`);
      if (e instanceof ProtocolDecodeError) throw new CloseConnection(e.message);
      throw new CloseConnection(`cannot decode request: ${(e as Error).message}`);
    }
    const api = apis[header.apiKey];
    if (!api) throw new CloseConnection(`no handler for api ${header.apiKey}`);
    client.clientId = header.clientId;
    let result: Struct | null | Promise<Struct | null>;
    try {
      result = api.handle(ctx, request, header, client);
    } catch (e) {
      return failed(header, request, e);
    }
    if (isPromise<Struct | null>(result)) {
      return result.then(
        (response) => encode(header, request, response),
        (e: unknown) => failed(header, request, e),
      );
    }
    return encode(header, request, result);
  };
}
