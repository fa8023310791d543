import type { PartitionInfo, TopicDetail } from '../../contract.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { offsetDiff } from '../../lib/offsets.js';
import { routeHref } from '../../lib/route.js';

export function PartitionsTab({ clusterId, detail }: { clusterId: string; detail: TopicDetail | undefined }) {
  if (!detail) return <SkeletonRows rows={4} label="Loading partitions" />;
  const underReplicated = detail.partitions.filter(isUnderReplicated).length;
  return (
    <>
      {underReplicated > 0 && (
        <p className="warn-text">
          {underReplicated} {underReplicated === 1 ? 'partition is' : 'partitions are'} under-replicated (ISR smaller
          than replicas).
        </p>
      )}
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
              <th scope="col">Replicas</th>
              <th scope="col">ISR</th>
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
    <tr className={under ? 'row-warn' : undefined}>
      <td className="num mono">{p.partition}</td>
      <td className="num mono">{p.leader ?? <span className="error-text">none</span>}</td>
      <td className="mono">{p.replicas.join(', ')}</td>
      <td className="mono">
        {p.isr.join(', ')}
        {under && <span className="badge badge-warn badge-inline">under-replicated</span>}
      </td>
      <td className="num mono">{p.lowWatermark}</td>
      <td className="num mono">{p.highWatermark}</td>
      <td className="num mono">{offsetDiff(p.highWatermark, p.lowWatermark)}</td>
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
