/**
 * DescribeLogDirs (35), versions 1-4 (Kafka 4 dropped 0): the sandbox keeps every partition in one
 * log directory. Sizes are the bytes of each partition's segment files; the offset lag is always 0
 * (no future logs, and the high watermark is the log end). Version 4 adds the volume's total and
 * usable bytes, read with statfs. Partitions asked for that do not exist are left out, as Kafka does.
 */
import { statfsSync } from 'node:fs';
import { ErrorCode, type DecodedRequest } from '../../kafka-protocol/index.js';
import { DescribeLogDirs } from '../../kafka-protocol/messages/35-describe-log-dirs.js';
import type { Topic } from '../topics/topic-manager.js';
import { brokerApi, type BrokerContext } from './context.js';

type Asked = DecodedRequest<typeof DescribeLogDirs>['topics'];

function chosen(ctx: BrokerContext, asked: Asked): { topic: Topic; partitions: number[] }[] {
  if (asked === null)
    return [...ctx.topics.all()].map((topic) => ({ topic, partitions: topic.partitions.map((p) => p.index) }));
  const out: { topic: Topic; partitions: number[] }[] = [];
  for (const a of asked) {
    const topic = ctx.topics.get(a.topic);
    if (topic) out.push({ topic, partitions: a.partitions.filter((i) => i >= 0 && i < topic.partitions.length) });
  }
  return out;
}

function volume(dir: string): { totalBytes: bigint; usableBytes: bigint } {
  try {
    const s = statfsSync(dir, { bigint: true });
    return { totalBytes: s.blocks * s.bsize, usableBytes: s.bavail * s.bsize };
  } catch {
    return { totalBytes: -1n, usableBytes: -1n };
  }
}

export const describeLogDirsApi = brokerApi(DescribeLogDirs, {
  versions: '1-4',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    results: [
      {
        errorCode: ErrorCode.NONE,
        logDir: ctx.topics.logDir,
        topics: chosen(ctx, body.topics).map(({ topic, partitions }) => ({
          name: topic.name,
          partitions: partitions.map((i) => ({
            partitionIndex: i,
            partitionSize: BigInt(topic.partitions[i]!.log.sizeBytes()),
            offsetLag: 0n,
            isFutureKey: false,
          })),
        })),
        ...volume(ctx.topics.logDir),
      },
    ],
  }),
});
