import type { ClusterOverview } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows, SkeletonText } from '../../components/Skeleton.js';
import { useClusterOverview } from '../../queries/cluster.js';
import { useConnection } from '../../queries/connections.js';
import { useLoadSampleData } from '../../queries/sandbox.js';
import { BrokersTable } from './BrokersTable.js';

export function OverviewSection({ clusterId }: { clusterId: string }) {
  const overview = useClusterOverview(clusterId);
  if (overview.isError) {
    return (
      <ErrorAlert error={overview.error} title="Could not reach the cluster" onRetry={() => void overview.refetch()} />
    );
  }
  const data = overview.data;
  return (
    <section aria-labelledby="overview-title" className="overview">
      <h2 id="overview-title" className="visually-hidden">
        Overview
      </h2>
      <Stats data={data} />
      {data && data.topicCount === 0 && <EmptySandboxHint clusterId={clusterId} />}
      <h3 className="section-heading">Brokers</h3>
      {data ? <BrokersTable overview={data} /> : <SkeletonRows rows={3} label="Loading brokers" />}
    </section>
  );
}

/** A newcomer's first stop is an empty sandbox: offer something to look at, one click away. */
function EmptySandboxHint({ clusterId }: { clusterId: string }) {
  const isSandbox = useConnection(clusterId)?.sandbox === true;
  const load = useLoadSampleData();
  if (!isSandbox) return null;
  return (
    <div className="empty-hint">
      <p>
        This sandbox has no topics yet. Sample data adds four topics with keyed JSON records and a consumer group that
        lags.
      </p>
      <button type="button" className="btn btn-primary" disabled={load.isPending} onClick={() => load.mutate()}>
        {load.isPending ? 'Loading sample data…' : 'Load sample data'}
      </button>
      <ErrorAlert error={load.error} title="Could not load sample data" />
    </div>
  );
}

function Stats({ data }: { data: ClusterOverview | undefined }) {
  const controller = data?.brokers.find((b) => b.nodeId === data.controllerId);
  const items: [string, React.ReactNode][] = [
    ['Cluster ID', data ? <code>{data.clusterId ?? 'unknown'}</code> : null],
    [
      'Controller',
      data
        ? data.controllerId === null
          ? 'none'
          : `Broker ${data.controllerId}${controller ? ` (${controller.host})` : ''}`
        : null,
    ],
    ['Brokers', data?.brokers.length],
    [
      'Topics',
      data ? `${data.topicCount}${data.internalTopicCount ? ` (${data.internalTopicCount} internal)` : ''}` : null,
    ],
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
