/**
 * AlterConfigs (33), versions 0-2: replaces a topic's whole set of overrides, validated first.
 * Unlike Kafka: broker configs are read-only in the sandbox (INVALID_REQUEST).
 */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { AlterConfigs } from '../../kafka-protocol/messages/33-alter-configs.js';
import { brokerApi } from './context.js';
import { alterTopicConfigs } from './helpers.js';

export const alterConfigsApi = brokerApi(AlterConfigs, {
  versions: '0-2',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    responses: body.resources.map((r) =>
      alterTopicConfigs(ctx, r, body.validateOnly, () => {
        const next: Record<string, string> = {};
        for (const c of r.configs) {
          if (c.value === null)
            throw new KafkaProtocolError(
              ErrorCode.INVALID_CONFIG,
              `Null value not supported for topic config ${c.name}`,
            );
          next[c.name] = c.value;
        }
        return next;
      }),
    ),
  }),
});
