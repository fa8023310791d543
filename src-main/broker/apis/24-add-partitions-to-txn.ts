/**
 * AddPartitionsToTxn (24), versions 0-3: adds data partitions to the producer's open transaction
 * (opening it). As in Kafka, when a named partition does not exist it gets UNKNOWN_TOPIC_OR_PARTITION
 * and the others OPERATION_NOT_ATTEMPTED; otherwise every partition carries the coordinator's answer.
 * The batched broker-side verification of v4+ (KIP-890) is not served.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { AddPartitionsToTxn } from '../../kafka-protocol/messages/24-add-partitions-to-txn.js';
import { isInternalTopic } from '../topics/internal-topics.js';
import { brokerApi } from './context.js';
import { fencedAs } from './txn-errors.js';

export const addPartitionsToTxnApi = brokerApi(AddPartitionsToTxn, {
  versions: '0-3',
  handle(ctx, body, header) {
    const exists = (topic: string, p: number) => !isInternalTopic(topic) && !!ctx.topics.partition(topic, p);
    const anyMissing = body.topics.some((t) => t.partitions.some((p) => !exists(t.name, p)));
    let code: number = ErrorCode.OPERATION_NOT_ATTEMPTED;
    if (!anyMissing) {
      const partitions = body.topics.flatMap((t) => t.partitions.map((p): [string, number] => [t.name, p]));
      code = fencedAs(
        ctx.txns.addPartitions(body.transactionalId, body.producerId, body.producerEpoch, partitions),
        header.apiVersion,
        2,
      );
    }
    return {
      throttleTimeMs: 0,
      results: body.topics.map((t) => ({
        name: t.name,
        results: t.partitions.map((partitionIndex) => ({
          partitionIndex,
          errorCode: anyMissing && !exists(t.name, partitionIndex) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : code,
        })),
      })),
    };
  },
});
