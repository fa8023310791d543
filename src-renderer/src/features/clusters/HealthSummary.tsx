import type { BrokersResult, PartitionHealthResult } from '../../contract.js';
import { SkeletonText } from '../../components/Skeleton.js';

/** The cluster's state in six figures; problems are coloured and spelled out. */
export function HealthSummary({ brokers, health }: { brokers?: BrokersResult; health?: PartitionHealthResult }) {
  const controller = brokers?.brokers.find((b) => b.isController);
  const items: { label: string; value: React.ReactNode; tone?: 'error' | 'warn' }[] = [
    { label: 'Brokers', value: brokers?.brokers.length },
    { label: 'Controller', value: brokers ? (controller ? `Broker ${controller.nodeId}` : 'none') : undefined },
    { label: 'Partitions', value: health?.partitionCount.toLocaleString('en-US') },
    { label: 'Offline', value: health?.counts.offline, tone: health?.counts.offline ? 'error' : undefined },
    {
      label: 'Under min ISR',
      value: health ? (health.minIsrUnavailable ? 'unknown' : health.counts['under-min-isr']) : undefined,
      tone: health?.counts['under-min-isr'] ? 'error' : undefined,
    },
    {
      label: 'Under-replicated',
      value: health?.counts['under-replicated'],
      tone: health?.counts['under-replicated'] ? 'warn' : undefined,
    },
  ];
  return (
    <dl className="stats health-stats">
      {items.map((i) => (
        <div key={i.label} className={`stat ${i.tone ? `stat-${i.tone}` : ''}`}>
          <dt>{i.label}</dt>
          <dd>{i.value ?? <SkeletonText />}</dd>
        </div>
      ))}
    </dl>
  );
}
