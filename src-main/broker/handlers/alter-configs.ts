/**
 * AlterConfigs (apiKey 33, replaces a topic's whole override set) and IncrementalAlterConfigs
 * (apiKey 44, SET/DELETE/APPEND/SUBTRACT per key). Broker configs are read-only in the sandbox.
 */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { validateTopicConfigs } from '../topics/config-validate.js';
import { topicConfigDef } from '../topics/config-validate.js';
import type { BrokerContext, Handler } from './context.js';
import { ResourceType } from './describe-configs.js';
import { errorOf } from './util.js';

interface AlterConfigsRequest {
  resources: Array<{
    resourceType: number;
    resourceName: string;
    configs: Array<{ name: string; value: string | null }>;
  }>;
  validateOnly: boolean;
}

interface IncrementalAlterConfigsRequest {
  resources: Array<{
    resourceType: number;
    resourceName: string;
    configs: Array<{ name: string; configOperation: number; value: string | null }>;
  }>;
  validateOnly: boolean;
}

export const OpType = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

function requireTopic(ctx: BrokerContext, resourceType: number, name: string) {
  if (resourceType === ResourceType.BROKER || resourceType === ResourceType.BROKER_LOGGER) {
    throw new KafkaProtocolError(
      ErrorCode.INVALID_REQUEST,
      'Broker configs cannot be changed in the Samsa sandbox broker',
    );
  }
  if (resourceType !== ResourceType.TOPIC)
    throw new KafkaProtocolError(ErrorCode.INVALID_REQUEST, `Unsupported resource type ${resourceType}`);
  const topic = ctx.topics.get(name);
  if (!topic) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${name}' does not exist.`);
  return topic;
}

/** Applies incremental operations to a copy of the current overrides. */
export function applyIncremental(
  current: Readonly<Record<string, string>>,
  ops: IncrementalAlterConfigsRequest['resources'][number]['configs'],
): Record<string, string> {
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

function alter(
  ctx: BrokerContext,
  r: { resourceType: number; resourceName: string },
  validateOnly: boolean,
  compute: (current: Record<string, string>) => Record<string, string>,
) {
  try {
    const topic = requireTopic(ctx, r.resourceType, r.resourceName);
    const next = validateTopicConfigs(compute(topic.configs));
    if (!validateOnly) {
      ctx.topics.setConfigs(topic.name, next);
      ctx.log('info', `updated configs of topic ${topic.name}`);
    }
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      resourceType: r.resourceType,
      resourceName: r.resourceName,
    };
  } catch (e) {
    const err = errorOf(ctx, e, `alter configs of ${r.resourceName}`);
    return {
      errorCode: err.code,
      errorMessage: err.message,
      resourceType: r.resourceType,
      resourceName: r.resourceName,
    };
  }
}

export const handleAlterConfigs: Handler = (ctx, _header, body: AlterConfigsRequest) => ({
  throttleTimeMs: 0,
  responses: body.resources.map((r) =>
    alter(ctx, r, body.validateOnly, () => {
      const next: Record<string, string> = {};
      for (const c of r.configs) {
        if (c.value === null)
          throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `Null value not supported for topic config ${c.name}`);
        next[c.name] = c.value;
      }
      return next;
    }),
  ),
});

export const handleIncrementalAlterConfigs: Handler = (ctx, _header, body: IncrementalAlterConfigsRequest) => ({
  throttleTimeMs: 0,
  responses: body.resources.map((r) =>
    alter(ctx, r, body.validateOnly, (current) => applyIncremental(current, r.configs)),
  ),
});
