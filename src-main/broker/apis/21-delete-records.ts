/** DeleteRecords (21), versions 0-2: moves the log start offset forward; offset -1 means up to the high watermark. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { DeleteRecords } from '../../kafka-protocol/messages/21-delete-records.js';
import { brokerApi } from './context.js';
import { errorOf } from './helpers.js';

export const deleteRecordsApi = brokerApi(DeleteRecords, {
  versions: '0-2',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    topics: body.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map(({ partitionIndex, offset }) => {
        const p = ctx.topics.partition(t.name, partitionIndex);
        if (!p) return { partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        const hw = p.log.highWatermark;
        const target = offset === -1n ? hw : offset;
        if (target < 0n || target > hw)
          return { partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
        try {
          return { partitionIndex, lowWatermark: p.log.deleteRecordsBefore(target), errorCode: ErrorCode.NONE };
        } catch (e) {
          return {
            partitionIndex,
            lowWatermark: -1n,
            errorCode: errorOf(ctx, e, `delete records ${t.name}-${partitionIndex}`).code,
          };
        }
      }),
    })),
  }),
});
