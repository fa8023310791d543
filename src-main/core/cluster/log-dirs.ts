/**
 * DescribeLogDirs of every broker (kafkajs has no such request): per broker its log directories with
 * their size and free space, and per topic the bytes on disk over all replicas. A broker that cannot
 * answer leaves its figures out and says why; sizes of a topic are then incomplete, so none are given.
 */
import type { Cluster } from 'kafkajs';
import type { LogDirInfo } from '../../contract/cluster.js';
import { ApiKey } from '../../kafka-protocol/index.js';
import type { FullMetadata } from './metadata.js';
import { errorName, sendRequest, versionFor } from '../wire/codec-request.js';

export interface LogDirsReport {
  byBroker: Map<number, LogDirInfo[]>;
  /** Topic → bytes over all replicas (future replicas of a reassignment not counted). */
  topicBytes: Map<string, number>;
  /** Why some or all figures are missing; null when every broker answered. */
  unavailable: string | null;
}

const ERRORS: Record<string, string> = {
  CLUSTER_AUTHORIZATION_FAILED: 'this user is not allowed to describe log directories (Describe on the cluster)',
  KAFKA_STORAGE_ERROR: 'the log directory is offline (a disk failed)',
};

const words = (type: string) => ERRORS[type] ?? type;

export async function describeLogDirs(cluster: Cluster, md: FullMetadata): Promise<LogDirsReport> {
  const byBroker = new Map<number, LogDirInfo[]>();
  const topicBytes = new Map<string, number>();
  const problems: string[] = [];
  await Promise.all(
    md.brokers.map(async (b) => {
      try {
        const broker = await cluster.findBroker({ nodeId: String(b.nodeId) });
        const version = versionFor(broker, ApiKey.DescribeLogDirs);
        if (version === null) {
          problems.push(`broker ${b.nodeId} does not answer DescribeLogDirs (Kafka 1.0+)`);
          return;
        }
        const res = await sendRequest(broker, ApiKey.DescribeLogDirs, version, { topics: null });
        if (res.errorCode !== 0) {
          problems.push(`broker ${b.nodeId}: ${words(errorName(res.errorCode))}`);
          return;
        }
        const dirs: LogDirInfo[] = [];
        for (const r of res.results) {
          let size = 0;
          for (const t of r.topics) {
            for (const p of t.partitions) {
              const n = Number(p.partitionSize);
              size += n;
              if (!p.isFutureKey) topicBytes.set(t.name, (topicBytes.get(t.name) ?? 0) + n);
            }
          }
          dirs.push({
            path: r.logDir,
            error: r.errorCode === 0 ? null : `Unavailable: ${words(errorName(r.errorCode))}.`,
            sizeBytes: size,
            totalBytes: r.totalBytes >= 0n ? Number(r.totalBytes) : null,
            usableBytes: r.usableBytes >= 0n ? Number(r.usableBytes) : null,
          });
        }
        byBroker.set(
          b.nodeId,
          dirs.sort((x, y) => x.path.localeCompare(y.path)),
        );
      } catch (e) {
        problems.push(`broker ${b.nodeId} did not answer (${(e as Error).message})`);
      }
    }),
  );
  return {
    byBroker,
    topicBytes,
    unavailable: problems.length ? `Log directories could not be read: ${problems.sort().join('; ')}.` : null,
  };
}
