/** ApiVersions (apiKey 18), including KIP-511's answer to a version we do not support. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { BrokerContext, Handler } from './context.js';

export const handleApiVersions: Handler = (ctx) => ({
  errorCode: ErrorCode.NONE,
  apiKeys: ctx.apis,
  throttleTimeMs: 0,
});

/**
 * Body for an ApiVersions request whose version we do not support: encoded as v0 (header v0), with
 * UNSUPPORTED_VERSION and our full list so the client can retry with a version we know (KIP-511).
 */
export function unsupportedApiVersionsBody(ctx: Pick<BrokerContext, 'apis'>) {
  return { errorCode: ErrorCode.UNSUPPORTED_VERSION, apiKeys: ctx.apis, throttleTimeMs: 0 };
}
