import type { PartitionInfo, TopicDetail } from '../../contract.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { formatCount, offsetDiff } from '../../lib/offsets.js';
import { routeHref } from '../../lib/route.js';
import { ReplicaLegend, ReplicaSet } from './ReplicaSet.js';

export function PartitionsTab({ clusterId, detail }: { clusterId: string; detail: TopicDetail | undefined }) {
  if (!detail) return <SkeletonRows rows={4} label="Loading partitions" />;
  const underReplicated = detail.partitions.filter(isUnderReplicated).length;
  const offline = detail.partitions.filter((p) => p.leader === null).length;
  return (
    <>
      <div className="partitions-head">
        {offline > 0 && (
          <p className="error-text">
            {offline} {offline === 1 ? 'partition has' : 'partitions have'} no leader: nothing can be written to or read
            from {offline === 1 ? 'it' : 'them'} until a replica comes back.
          </p>
        )}
        {underReplicated > 0 && (
          <p className="warn-text">
            {underReplicated} {underReplicated === 1 ? 'partition is' : 'partitions are'} under-replicated: a replica
            fell behind the leader and left the in-sync set (ISR).
          </p>
        )}
        <span className="spacer" />
        <ReplicaLegend />
      </div>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Partitions</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Partition
              </th>
              <th scope="col" className="num">
                Leader
              </th>
              <th scope="col" title="Every broker that holds a copy; ★ marks the leader">
                Replicas
              </th>
              <th scope="col" title="In-sync replicas: caught up with the leader">
                ISR
              </th>
              <th scope="col" className="num">
                Low watermark
              </th>
              <th scope="col" className="num">
                High watermark
              </th>
              <th scope="col" className="num">
                Messages
              </th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.partitions.map((p) => (
              <PartitionRow key={p.partition} p={p} clusterId={clusterId} topic={detail.name} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function isUnderReplicated(p: PartitionInfo): boolean {
  return p.isr.length < p.replicas.length;
}

function PartitionRow({ p, clusterId, topic }: { p: PartitionInfo; clusterId: string; topic: string }) {
  const under = isUnderReplicated(p);
  return (
    <tr className={p.leader === null ? 'row-error' : under ? 'row-warn' : undefined}>
      <td className="num mono">{p.partition}</td>
      <td className="num mono">{p.leader ?? <span className="error-text">none</span>}</td>
      <td>
        <ReplicaSet p={p} />
      </td>
      <td className="mono">
        {p.isr.join(', ') || <span className="error-text">empty</span>}
        {under && <span className="badge badge-warn badge-inline">under-replicated</span>}
      </td>
      <td className="num mono">{p.lowWatermark}</td>
      <td className="num mono">{p.highWatermark}</td>
      <td className="num mono">{formatCount(offsetDiff(p.highWatermark, p.lowWatermark))}</td>
      <td>
        {/* The newest records of this partition, read back from its high watermark. */}
        <a
          className="small"
          href={routeHref({ page: 'topic', clusterId, topic, tab: 'messages', query: `p=${p.partition}` })}
          aria-label={`Open partition ${p.partition} at its high watermark`}
        >
          Open at {p.highWatermark}
        </a>
      </td>
    </tr>
  );
}
