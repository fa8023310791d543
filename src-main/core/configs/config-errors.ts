import { AppError } from '../../contract/errors.js';
import type { ConfigChange, ConfigResource } from '../../contract/configs.js';
import type { BrokerError } from '../topics/admin-errors.js';

function changeIndex(message: string | null, changes: readonly ConfigChange[]): number {
  if (!message) return -1;
  let best = -1;
  changes.forEach((c, i) => {
    if (message.includes(c.name) && (best < 0 || c.name.length > changes[best]!.name.length)) best = i;
  });
  return best;
}

/** An AlterConfigs / IncrementalAlterConfigs answer for one resource, worded for people. */
export function configAlterError(e: BrokerError, resource: ConfigResource, changes: readonly ConfigChange[]): AppError {
  const what = resource.type === 'topic' ? `topic "${resource.name}"` : `broker ${resource.name}`;
  const detail = `${e.type}${e.message ? `: ${e.message}` : ''}`;
  const said = (fallback: string) => (e.message ? `The broker says: ${e.message}` : fallback);
  switch (e.type) {
    case 'INVALID_CONFIG':
    case 'INVALID_REQUEST':
    case 'POLICY_VIOLATION': {
      const i = changeIndex(e.message, changes);
      return new AppError(
        'VALIDATION',
        said(
          `The broker rejected the change to ${what} (an unknown name, a read-only config or a value out of range).`,
        ),
        { field: i >= 0 ? `changes.${i}` : 'changes', detail },
      );
    }
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return new AppError('NOT_FOUND', `Topic "${resource.name}" does not exist.`, { detail });
    case 'TOPIC_AUTHORIZATION_FAILED':
    case 'CLUSTER_AUTHORIZATION_FAILED':
      return new AppError('AUTH_FAILED', `This user is not allowed to change the configs of ${what}.`, { detail });
    default:
      return new AppError('KAFKA_ERROR', said(`The broker answered with ${e.type}.`), { detail });
  }
}
