import type { ClusterOverview } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows, SkeletonText } from '../../components/Skeleton.js';
import { useClusterOverview } from '../../queries/useClusterOverview.js';
import { BrokersTable } from './BrokersTable.js';

export function OverviewSection({ clusterId }: { clusterId: string }) {
  const overview = useClusterOverview(clusterId);
  if (overview.isError) {
    return <ErrorAlert error={overview.error} title="Could not reach the cluster" onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  return (
    <section aria-labelledby="overview-title" className="overview">
      <h2 id="overview-title" className="visually-hidden">
        Overview
      </h2>
      <Stats data={data} />
      <h3 className="section-heading">Brokers</h3>
      {data ? <BrokersTable overview={data} /> : <SkeletonRows rows={3} label="Loading brokers" />}
    </section>
  );
}

function Stats({ data }: { data: ClusterOverview | undefined }) {
  const controller = data?.brokers.find((b) => b.nodeId === data.controllerId);
  const items: [string, React.ReactNode][] = [
    ['Cluster ID', data ? <code>{data.clusterId ?? 'unknown'}</code> : null],
    ['Controller', data ? (data.controllerId === null ? 'none' : `Broker ${data.controllerId}${controller ? ` (${controller.host})` : ''}`) : null],
    ['Brokers', data?.brokers.length],
    ['Topics', data ? `${data.topicCount}${data.internalTopicCount ? ` (${data.internalTopicCount} internal)` : ''}` : null],
    ['Partitions', data?.partitionCount],
  ];
  return (
    <dl className="stats">
      {items.map(([label, value]) => (
        <div key={label} className="stat">
          <dt>{label}</dt>
          <dd>{value ?? <SkeletonText />}</dd>
        </div>
      ))}
    </dl>
  );
}
