/**
 * One request frame in, one encoded response out (or none). Decoding problems and handler failures
 * become Kafka error responses where the protocol allows it; otherwise CloseConnection is thrown
 * and only that connection is dropped.
 */
import {
  ApiKey,
  decodeRequest,
  encodeResponse,
  ErrorCode,
  ProtocolDecodeError,
  UnknownApiError,
  UnsupportedVersionError,
} from '../../kafka-protocol/index.js';
import type { BrokerContext, ClientInfo, Handler, RequestHeader } from '../handlers/index.js';
import { unsupportedApiVersionsBody } from '../handlers/index.js';

export class CloseConnection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CloseConnection';
  }
}

export type Dispatch = (frame: Buffer, client: ClientInfo) => Buffer | null | Promise<Buffer | null>;

function isPromise<T>(v: unknown): v is Promise<T> {
  return typeof (v as Promise<T> | null)?.then === 'function';
}

export function createDispatch(ctx: BrokerContext, handlers: ReadonlyArray<Handler | undefined>): Dispatch {
  /** A generic error body: fields the API lacks are ignored and missing ones take their defaults. */
  const errorResponse = (header: RequestHeader, code: number, why: string): Buffer => {
    try {
      return encodeResponse(header, { errorCode: code, throttleTimeMs: 0 });
    } catch {
      throw new CloseConnection(why);
    }
  };

  const failed = (header: RequestHeader, body: { acks?: number } | undefined, e: unknown): Buffer | null => {
    if (e instanceof CloseConnection) throw e;
    const api = header.apiKey;
    ctx.log(
      'error',
      `api ${api} v${header.apiVersion} from ${header.clientId ?? '?'} failed: ${(e as Error)?.stack ?? String(e)}`,
    );
    if (api === ApiKey.Produce && body?.acks === 0) return null;
    return errorResponse(header, ErrorCode.UNKNOWN_SERVER_ERROR, `handler for api ${api} failed`);
  };

  const encode = (header: RequestHeader, reqBody: { acks?: number }, body: object | null): Buffer | null => {
    if (body === null) return null;
    try {
      return encodeResponse(header, body as Record<string, unknown>);
    } catch (e) {
      return failed(header, reqBody, e);
    }
  };

  return (frame, client) => {
    let header: RequestHeader;
    let body: any;
    try {
      ({ header, body } = decodeRequest(frame));
    } catch (e) {
      if (e instanceof UnsupportedVersionError) {
        const h = e.header;
        if (h.apiKey === ApiKey.ApiVersions) return encodeResponse(h, unsupportedApiVersionsBody(ctx));
        ctx.log('warn', `${e.message} (client ${h.clientId ?? '?'})`);
        return errorResponse(h, ErrorCode.UNSUPPORTED_VERSION, e.message);
      }
      if (e instanceof UnknownApiError) throw new CloseConnection(`${e.message} (client ${e.header.clientId ?? '?'})`);
      if (e instanceof ProtocolDecodeError) throw new CloseConnection(e.message);
      throw new CloseConnection(`cannot decode request: ${(e as Error).message}`);
    }
    const handler = handlers[header.apiKey];
    if (!handler) throw new CloseConnection(`no handler for api ${header.apiKey}`);
    client.clientId = header.clientId;
    let result: object | null | Promise<object | null>;
    try {
      result = handler(ctx, header, body, client);
    } catch (e) {
      return failed(header, body, e);
    }
    if (isPromise<object | null>(result)) {
      return result.then(
        (b) => encode(header, body, b),
        (e: unknown) => failed(header, body, e),
      );
    }
    return encode(header, body, result);
  };
}
