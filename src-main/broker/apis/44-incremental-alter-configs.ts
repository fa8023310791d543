/**
 * IncrementalAlterConfigs (44), versions 0-1: SET, DELETE, APPEND and SUBTRACT (list configs only)
 * per key of a topic, validated as a whole. Unlike Kafka: broker configs are read-only in the
 * sandbox (INVALID_REQUEST).
 */
import { ErrorCode, KafkaProtocolError, type DecodedRequest } from '../../kafka-protocol/index.js';
import { IncrementalAlterConfigs } from '../../kafka-protocol/messages/44-incremental-alter-configs.js';
import { topicConfigDef } from '../topics/config-validate.js';
import { brokerApi } from './context.js';
import { alterTopicConfigs } from './helpers.js';

type ConfigOps = DecodedRequest<typeof IncrementalAlterConfigs>['resources'][number]['configs'];

export const OpType = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

/** Applies incremental operations to a copy of the current overrides. */
export function applyIncremental(current: Readonly<Record<string, string>>, ops: ConfigOps): Record<string, string> {
  const next = { ...current };
  for (const op of ops) {
    const def = topicConfigDef(op.name);
    switch (op.configOperation) {
      case OpType.SET:
        if (op.value === null)
          throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `Null value not supported for SET of ${op.name}`);
        next[op.name] = op.value;
        break;
      case OpType.DELETE:
        delete next[op.name];
        break;
      case OpType.APPEND:
      case OpType.SUBTRACT: {
        if (def.type !== 'list')
          throw new KafkaProtocolError(
            ErrorCode.INVALID_CONFIG,
            `Config value append is not allowed for config key: ${op.name}`,
          );
        const base = (next[op.name] ?? def.defaultValue)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const items = (op.value ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const merged =
          op.configOperation === OpType.APPEND
            ? [...base, ...items.filter((i) => !base.includes(i))]
            : base.filter((b) => !items.includes(b));
        next[op.name] = merged.join(',');
        break;
      }
      default:
        throw new KafkaProtocolError(ErrorCode.INVALID_REQUEST, `Unknown config operation ${op.configOperation}`);
    }
  }
  return next;
}

export const incrementalAlterConfigsApi = brokerApi(IncrementalAlterConfigs, {
  versions: '0-1',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    responses: body.resources.map((r) =>
      alterTopicConfigs(ctx, r, body.validateOnly, (current) => applyIncremental(current, r.configs)),
    ),
  }),
});
