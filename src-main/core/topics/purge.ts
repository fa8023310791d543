/**
 * DeleteRecords: each chosen partition's log start offset moves forward, and the records before it
 * are gone for every consumer. Asked of each partition's leader directly.
 */
import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { PurgeResult } from '../../contract/topics.js';
import { leaderBroker, partitionsByLeader } from '../cluster/leaders.js';
import { refuseProtected } from './protected.js';
import { requirePartition, requireTopic } from './require-topic.js';
import { fetchWatermarks } from './watermarks.js';

/** -1 asks the broker for "up to the high watermark". */
const HIGH_WATERMARK = '-1';

type DeleteRecordsBroker = {
  deleteRecords(req: {
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<{ topics: { topic: string; partitions: { partition: number; lowWatermark: string }[] }[] }>;
};

export async function purge(cluster: Cluster, params: ValidParamsOf<'topics.purge'>): Promise<PurgeResult> {
  const t = await requireTopic(cluster, params.topic);
  refuseProtected(t, 'purge');
  const seen = new Set<number>();
  params.partitions.forEach((p, i) => {
    requirePartition(t, p.partition, `partitions.${i}.partition`);
    if (seen.has(p.partition))
      throw new AppError('VALIDATION', `Partition ${p.partition} is listed twice.`, { field: `partitions.${i}` });
    seen.add(p.partition);
  });
  const wanted = params.partitions.map((p) => p.partition);
  const before = new Map((await fetchWatermarks(cluster, t, wanted)).map((w) => [w.partition, w]));
  params.partitions.forEach((p, i) => {
    const w = before.get(p.partition)!;
    if (p.before !== null && BigInt(p.before) > BigInt(w.high)) {
      throw new AppError(
        'VALIDATION',
        `Partition ${p.partition} ends at offset ${w.high}; records before offset ${p.before} cannot be deleted. Choose an offset up to ${w.high}.`,
        { field: `partitions.${i}.before` },
      );
    }
  });

  const target = new Map(params.partitions.map((p) => [p.partition, p.before ?? HIGH_WATERMARK]));
  const lows = new Map<number, string>();
  await Promise.all(
    [...partitionsByLeader(t, wanted)].map(async ([leader, parts]) => {
      const broker = (await leaderBroker(cluster, leader)) as unknown as DeleteRecordsBroker;
      const res = await broker.deleteRecords({
        topics: [
          { topic: t.topic, partitions: parts.map((partition) => ({ partition, offset: target.get(partition)! })) },
        ],
      });
      for (const p of res.topics.flatMap((x) => x.partitions)) lows.set(p.partition, String(p.lowWatermark));
    }),
  );

  let total = 0n;
  const partitions = wanted
    .sort((a, b) => a - b)
    .map((partition) => {
      const oldLow = BigInt(before.get(partition)!.low);
      const newLow = BigInt(lows.get(partition) ?? oldLow);
      const deleted = newLow > oldLow ? newLow - oldLow : 0n;
      total += deleted;
      return { partition, lowWatermark: newLow.toString(), deleted: deleted.toString() };
    });
  return { partitions, deleted: total.toString() };
}
