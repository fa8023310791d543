import { useState } from 'react';
import type { ClusterOverview } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows, SkeletonText } from '../../components/Skeleton.js';
import { useClusterOverview } from '../../queries/cluster.js';
import { useConnection } from '../../queries/connections.js';
import { useConnectionStatus } from '../../queries/health.js';
import { SampleDataButton } from '../sandbox/SampleData.js';
import { BrokersTable } from './BrokersTable.js';

export function OverviewSection({ clusterId }: { clusterId: string }) {
  const overview = useClusterOverview(clusterId);
  const profile = useConnection(clusterId);
  const status = useConnectionStatus(profile);
  // Once the sandbox showed as empty, the sample-data offer stays for this visit: it then says what was added.
  const [offerSample, setOfferSample] = useState(false);
  const data = overview.data;
  if (!offerSample && profile?.sandbox && data?.topicCount === 0) setOfferSample(true);

  // Stale data stays on screen under the page's "disconnected" banner; an error only replaces nothing.
  if (overview.isError && !data) {
    // The banner above already says the sandbox is stopped and offers Start: no red alert for an expected state.
    if (status?.sandboxDown) return <p className="empty">Nothing to show while the sandbox is stopped.</p>;
    const down = status?.down === true;
    return (
      <ErrorAlert
        error={overview.error}
        title="Could not reach the cluster"
        // While disconnected, the banner above offers what fixes it (Start, Check again); Retry alone would not.
        onRetry={down ? undefined : () => void overview.refetch()}
      />
    );
  }
  return (
    <section aria-labelledby="overview-title" className="overview">
      <h2 id="overview-title" className="visually-hidden">
        Overview
      </h2>
      <Stats data={data} />
      {offerSample && data && <EmptySandboxHint empty={data.topicCount === 0} />}
      <h3 className="section-heading">Brokers</h3>
      {data ? <BrokersTable overview={data} /> : <SkeletonRows rows={3} label="Loading brokers" />}
    </section>
  );
}

/** A newcomer's first stop is an empty sandbox: offer something to look at, one click away. */
function EmptySandboxHint({ empty }: { empty: boolean }) {
  return (
    <div className="empty-hint">
      {empty && (
        <p>
          This sandbox has no topics yet. Sample data adds four topics with keyed JSON records and a consumer group that
          lags.
        </p>
      )}
      <SampleDataButton primary={empty} />
    </div>
  );
}

function Stats({ data }: { data: ClusterOverview | undefined }) {
  const controller = data?.brokers.find((b) => b.nodeId === data.controllerId);
  const controllerText = data
    ? data.controllerId === null
      ? 'none'
      : `Broker ${data.controllerId}${controller ? ` (${controller.host})` : ''}`
    : null;
  const items: { label: string; value: React.ReactNode; title?: string; wide?: boolean }[] = [
    { label: 'Cluster ID', value: data ? <code>{data.clusterId ?? 'unknown'}</code> : null, wide: true },
    { label: 'Controller', value: controllerText, title: controllerText ?? undefined, wide: true },
    { label: 'Brokers', value: data?.brokers.length },
    {
      label: 'Topics',
      value: data
        ? `${data.topicCount}${data.internalTopicCount ? ` (${data.internalTopicCount} internal)` : ''}`
        : null,
    },
    { label: 'Partitions', value: data?.partitionCount },
  ];
  // Fixed grid columns: each card's width comes from the page, never from its content, so nothing
  // widens when the skeleton gives way to the numbers.
  return (
    <dl className="stats">
      {items.map(({ label, value, title, wide }) => (
        <div key={label} className={wide ? 'stat stat-wide' : 'stat'}>
          <dt>{label}</dt>
          <dd title={title}>{value ?? <SkeletonText width="100%" />}</dd>
        </div>
      ))}
    </dl>
  );
}
