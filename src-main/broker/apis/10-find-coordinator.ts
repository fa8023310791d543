/**
 * FindCoordinator (10), versions 0-4 (v4 looks up several keys at once). This node coordinates every
 * group and every transactional id; other key types (share groups) are refused. The first lookup of
 * each kind creates its internal topic (`__consumer_offsets`, `__transaction_state`), as in Kafka.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { FindCoordinator } from '../../kafka-protocol/messages/10-find-coordinator.js';
import { CONSUMER_OFFSETS, TRANSACTION_STATE, type InternalTopicSpec } from '../topics/internal-topics.js';
import { brokerApi, type BrokerContext } from './context.js';

const KEY_GROUP = 0;
const KEY_TRANSACTION = 1;

function coordinatorFor(ctx: BrokerContext, key: string, keyType: number) {
  if (keyType === KEY_GROUP || keyType === KEY_TRANSACTION)
    return {
      key,
      nodeId: ctx.nodeId,
      host: ctx.advertisedHost,
      port: ctx.advertisedPort,
      errorCode: ErrorCode.NONE as number,
      errorMessage: null as string | null,
    };
  const none = { key, nodeId: -1, host: '', port: -1 };
  return {
    ...none,
    errorCode: ErrorCode.INVALID_REQUEST,
    errorMessage: `Coordinator key type ${keyType} is not supported by the Samsa sandbox broker`,
  };
}

export const findCoordinatorApi = brokerApi(FindCoordinator, {
  versions: '0-4',
  async handle(ctx, body, header) {
    // Kafka creates its coordinators' internal topic on their first lookup; so does the sandbox, but
    // at once, so the lookup never has to answer COORDINATOR_NOT_AVAILABLE while it happens.
    const spec: InternalTopicSpec | null =
      body.keyType === KEY_GROUP ? CONSUMER_OFFSETS : body.keyType === KEY_TRANSACTION ? TRANSACTION_STATE : null;
    if (spec && !ctx.topics.get(spec.name)) {
      await ctx.topics.ensureInternal(spec).then(
        () => ctx.log('info', `created internal topic ${spec.name}`),
        // The coordinator works without it: only the listing of the internal topic is missing.
        (e: unknown) => ctx.log('warn', `could not create ${spec.name}: ${(e as Error).message}`),
      );
    }
    if (header.apiVersion >= 4) {
      return {
        throttleTimeMs: 0,
        coordinators: body.coordinatorKeys.map((k) => coordinatorFor(ctx, k, body.keyType)),
      };
    }
    const c = coordinatorFor(ctx, body.key, body.keyType);
    return {
      throttleTimeMs: 0,
      errorCode: c.errorCode,
      errorMessage: c.errorMessage,
      nodeId: c.nodeId,
      host: c.host,
      port: c.port,
    };
  },
});
