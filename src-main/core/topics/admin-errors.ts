/**
 * Broker errors of topic administration, worded for people and pointed at the form field they are
 * about. The broker's own message (when the request path keeps it) says exactly what was wrong.
 */
import { AppError } from '../../contract/errors.js';

export interface BrokerError {
  /** Kafka's error name, e.g. INVALID_CONFIG. */
  type: string;
  /** The broker's sentence, when it sent one. */
  message: string | null;
}

function configIndex(message: string | null, configs: readonly { name: string }[]): number {
  if (!message) return -1;
  // "Invalid value x for configuration retention.ms: …", "Unknown topic config name: foo", "… config: foo"
  let best = -1;
  configs.forEach((c, i) => {
    if (message.includes(c.name) && (best < 0 || c.name.length > configs[best]!.name.length)) best = i;
  });
  return best;
}

const said = (e: BrokerError, fallback: string) => (e.message ? `The broker says: ${e.message}` : fallback);

/** For CreateTopics and CreatePartitions answers. */
export function topicAdminError(
  e: BrokerError,
  ctx: { topic: string; configs?: readonly { name: string }[] },
): AppError {
  const detail = `${e.type}${e.message ? `: ${e.message}` : ''}`;
  const v = (message: string, field?: string) => new AppError('VALIDATION', message, { field, detail });
  switch (e.type) {
    case 'TOPIC_ALREADY_EXISTS':
      return new AppError('ALREADY_EXISTS', `A topic named "${ctx.topic}" already exists.`, { field: 'name', detail });
    case 'INVALID_TOPIC_EXCEPTION':
      return v(said(e, `"${ctx.topic}" is not a valid topic name.`), 'name');
    case 'INVALID_PARTITIONS':
      return v(said(e, 'The broker does not accept this number of partitions.'), 'partitions');
    case 'INVALID_REPLICATION_FACTOR':
      return v(
        said(e, 'The replication factor is larger than the number of brokers, or not allowed here.'),
        'replicationFactor',
      );
    case 'INVALID_CONFIG': {
      const i = configIndex(e.message, ctx.configs ?? []);
      // "Unknown topic config name: x" is about the name; every other message about the value.
      const part = /unknown.*config/i.test(e.message ?? '') ? 'name' : 'value';
      return v(
        said(e, 'The broker rejected one of the configs (an unknown name or a value out of range).'),
        i >= 0 ? `configs.${i}.${part}` : 'configs',
      );
    }
    case 'POLICY_VIOLATION':
      return v(said(e, "The cluster's topic policy does not allow this."));
    case 'INVALID_REPLICA_ASSIGNMENT':
    case 'INVALID_REQUEST':
      return v(said(e, 'The broker rejected the request as invalid.'));
    case 'TOPIC_AUTHORIZATION_FAILED':
    case 'CLUSTER_AUTHORIZATION_FAILED':
      return new AppError('AUTH_FAILED', 'This user is not allowed to create or change topics on this cluster.', {
        detail,
      });
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return new AppError('NOT_FOUND', `Topic "${ctx.topic}" does not exist.`, { detail });
    case 'THROTTLING_QUOTA_EXCEEDED':
      return new AppError('KAFKA_ERROR', 'The cluster is throttling topic changes for this user; try again shortly.', {
        detail,
      });
    default:
      return new AppError('KAFKA_ERROR', said(e, `The broker answered with ${e.type}.`), { detail });
  }
}
