/** Broker errors about groups, in words a person can act on. Anything else goes to the shared mapping. */
import { AppError } from '../../contract/errors.js';
import { mapKafkaError } from '../errors/map-kafka-error.js';
import { errorName } from '../wire/codec-request.js';

/** A broker's error code on one group or partition; `type` is Kafka's name for it. */
export class GroupProtocolError extends Error {
  constructor(
    readonly type: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'GroupProtocolError';
  }
}

/** A non-zero error code as an error carrying Kafka's name for it (what the wording functions read). */
export function protocolError(code: number, context: string, message?: string | null): GroupProtocolError {
  const name = errorName(code);
  return new GroupProtocolError(name, code, `${context}: ${message || name}`);
}

export function wordGroupError(groupId: string, topic?: string): (e: unknown) => never {
  return (e) => {
    if (e instanceof AppError) throw e;
    const type = (e as { type?: string }).type;
    const detail = (e as Error).message;
    const g = `"${groupId}"`;
    switch (type) {
      case 'NON_EMPTY_GROUP':
        throw new AppError(
          'VALIDATION',
          `Group ${g} still has active members; a group can be deleted only when it is empty. Stop its consumers first.`,
          { detail },
        );
      case 'GROUP_ID_NOT_FOUND':
        throw new AppError('NOT_FOUND', `Consumer group ${g} was not found on this cluster.`, { detail });
      case 'GROUP_AUTHORIZATION_FAILED':
        throw new AppError(
          'AUTH_FAILED',
          `This user is not allowed to do that to consumer group ${g}. Ask for the Group ACL (Describe, Read or Delete) on it.`,
          { detail },
        );
      case 'TOPIC_AUTHORIZATION_FAILED':
        throw new AppError(
          'AUTH_FAILED',
          `This user is not allowed to read ${topic ? `topic "${topic}"` : 'a topic of this group'}.`,
          { detail },
        );
      case 'GROUP_SUBSCRIBED_TO_TOPIC':
        throw new AppError(
          'VALIDATION',
          `Members of group ${g} are subscribed to ${topic ? `topic "${topic}"` : 'this topic'}; its offsets can be deleted only when no member consumes it.`,
          { detail },
        );
      case 'UNKNOWN_MEMBER_ID':
      case 'ILLEGAL_GENERATION':
      case 'REBALANCE_IN_PROGRESS':
      case 'STALE_MEMBER_EPOCH':
      case 'FENCED_MEMBER_EPOCH':
        throw new AppError(
          'VALIDATION',
          `Group ${g} became active while Samsa was changing its offsets, so the broker refused. Stop its consumers, then try again.`,
          { detail },
        );
      case 'COORDINATOR_NOT_AVAILABLE':
      case 'NOT_COORDINATOR':
      case 'COORDINATOR_LOAD_IN_PROGRESS':
        throw new AppError(
          'KAFKA_ERROR',
          `The coordinator of group ${g} is not available right now (it may be moving). Try again in a moment.`,
          { detail },
        );
      default:
        throw mapKafkaError(e, { topic });
    }
  };
}
