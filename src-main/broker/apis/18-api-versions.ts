/**
 * ApiVersions (18), versions 0-3: the versions of every advertised API (apis/registry.ts), and
 * KIP-511's answer to an ApiVersions version we do not serve. Unlike Kafka: no feature flags.
 */
import { ErrorCode, type EncodableResponse } from '../../kafka-protocol/index.js';
import { ApiVersions } from '../../kafka-protocol/messages/18-api-versions.js';
import { brokerApi, type BrokerContext } from './context.js';

export const apiVersionsApi = brokerApi(ApiVersions, {
  versions: '0-3',
  handle: (ctx) => ({ errorCode: ErrorCode.NONE, apiKeys: ctx.apis, throttleTimeMs: 0 }),
});

/**
 * Body for an ApiVersions request whose version we do not serve: encoded as v0 (header v0), with
 * UNSUPPORTED_VERSION and our full list so the client can retry with a version we know (KIP-511).
 */
export function unsupportedApiVersionsBody(ctx: Pick<BrokerContext, 'apis'>): EncodableResponse<typeof ApiVersions> {
  return { errorCode: ErrorCode.UNSUPPORTED_VERSION, apiKeys: ctx.apis, throttleTimeMs: 0 };
}
