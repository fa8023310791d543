/**
 * WriteTxnMarkers (27), versions 0-1: writes commit or abort markers straight into data partitions.
 * In Kafka the coordinator sends it to partition leaders; the admin client sends it too, to abort a
 * hanging transaction (kafka-transactions abort). The transaction coordinator is not consulted, as
 * in Kafka: the marker closes whatever the producer left open in that partition.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { WriteTxnMarkers } from '../../kafka-protocol/messages/27-write-txn-markers.js';
import { brokerApi, type BrokerContext } from './context.js';
import { errorOf } from './helpers.js';

type Marker = { producerId: bigint; producerEpoch: number; transactionResult: boolean; coordinatorEpoch: number };

function writeOne(ctx: BrokerContext, m: Marker, topic: string, partition: number): number {
  const p = ctx.topics.partition(topic, partition);
  if (!p) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  try {
    p.log.appendMarker({
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      commit: m.transactionResult,
      coordinatorEpoch: m.coordinatorEpoch,
    });
    p.signal.notify();
    return ErrorCode.NONE;
  } catch (e) {
    return errorOf(ctx, e, `write marker to ${topic}-${partition}`).code;
  }
}

export const writeTxnMarkersApi = brokerApi(WriteTxnMarkers, {
  versions: '0-1',
  handle: (ctx, body) => ({
    markers: body.markers.map((m) => ({
      producerId: m.producerId,
      topics: m.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => ({
          partitionIndex,
          errorCode: writeOne(ctx, m, t.name, partitionIndex),
        })),
      })),
    })),
  }),
});
