/** Small helpers shared by the API modules. */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { validateTopicConfigs } from '../topics/config-validate.js';
import type { Topic } from '../topics/topic-manager.js';
import type { BrokerContext } from './context.js';

/** Kafka's "no authorized operations requested" sentinel (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const ZERO_UUID: Buffer = Buffer.alloc(16);

export const TXN_UNSUPPORTED = 'Transactions are not supported by the Samsa sandbox broker';

/** Config resource types (DescribeConfigs, AlterConfigs, IncrementalAlterConfigs). */
export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** Maps an exception to a Kafka error code and message; unexpected exceptions are logged. */
export function errorOf(ctx: BrokerContext, e: unknown, what: string): { code: number; message: string } {
  if (e instanceof KafkaProtocolError) return { code: e.code, message: e.message };
  ctx.log('error', `${what}: ${(e as Error)?.stack ?? String(e)}`);
  return { code: ErrorCode.UNKNOWN_SERVER_ERROR, message: (e as Error)?.message ?? String(e) };
}

export function brokerNode(ctx: BrokerContext) {
  return { nodeId: ctx.nodeId, host: ctx.advertisedHost, port: ctx.advertisedPort, rack: null };
}

function requireTopic(ctx: BrokerContext, resourceType: number, name: string): Topic {
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

/**
 * Changes one resource's configs for AlterConfigs and IncrementalAlterConfigs: only topics can be
 * changed; `compute` turns the current overrides into the new ones, which are validated and, unless
 * validateOnly, stored. Returns that resource's result entry.
 */
export function alterTopicConfigs(
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
      errorCode: ErrorCode.NONE as number,
      errorMessage: null as string | null,
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
