/** DeleteRecords (apiKey 21): move the log start offset forward; -1 means up to the high watermark. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { Handler } from './context.js';
import { errorOf } from './util.js';

interface DeleteRecordsRequest {
  topics: Array<{ name: string; partitions: Array<{ partitionIndex: number; offset: bigint }> }>;
  timeoutMs: number;
}

export const handleDeleteRecords: Handler = (ctx, _header, body: DeleteRecordsRequest) => ({
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
});
