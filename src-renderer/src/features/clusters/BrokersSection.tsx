import { useState } from 'react';
import type { BrokerDetail, LogDirInfo } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useBrokers, usePartitionHealth } from '../../queries/cluster.js';
import { ConfigTable } from '../topics/ConfigTable.js';
import { count } from '../../lib/plural.js';
import { formatSize } from '../topics/units.js';
import { HealthSummary } from './HealthSummary.js';
import { PartitionHealthPanel } from './PartitionHealthPanel.js';
import '../topics/topics.css';
import './brokers.css';

/** Brokers with what each one carries, a broker's configs, and partition health across the cluster. */
export function BrokersSection({ clusterId }: { clusterId: string }) {
  const brokers = useBrokers(clusterId);
  const health = usePartitionHealth(clusterId);
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <section className="brokers-section" aria-labelledby="brokers-title">
      <h2 id="brokers-title" className="visually-hidden">
        Brokers
      </h2>
      <HealthSummary brokers={brokers.data} health={health.data} />
      <h3 className="section-heading">Brokers</h3>
      {brokers.isError ? (
        <ErrorAlert
          error={brokers.error}
          title="Could not describe the brokers"
          onRetry={() => void brokers.refetch()}
        />
      ) : !brokers.data ? (
        <SkeletonRows rows={3} label="Loading brokers" />
      ) : (
        <BrokerTable
          brokers={brokers.data.brokers}
          logDirsUnavailable={brokers.data.logDirsUnavailable}
          selected={selected}
          onSelect={(id) => setSelected((s) => (s === id ? null : id))}
        />
      )}
      {selected !== null && (
        <section aria-labelledby="broker-configs-title" className="broker-configs">
          <div className="section-heading-row">
            <h3 id="broker-configs-title" className="section-heading">
              Configs of broker {selected}
            </h3>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setSelected(null)}>
              Close
            </button>
          </div>
          <ConfigTable key={selected} clusterId={clusterId} resource={{ type: 'broker', name: String(selected) }} />
        </section>
      )}
      <h3 className="section-heading">Partition health</h3>
      {health.isError ? (
        <ErrorAlert
          error={health.error}
          title="Could not read partition health"
          onRetry={() => void health.refetch()}
        />
      ) : !health.data ? (
        <SkeletonRows rows={3} label="Loading partition health" />
      ) : (
        <PartitionHealthPanel clusterId={clusterId} health={health.data} />
      )}
    </section>
  );
}

function BrokerTable({
  brokers,
  logDirsUnavailable,
  selected,
  onSelect,
}: {
  brokers: BrokerDetail[];
  logDirsUnavailable: string | null;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Brokers</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              ID
            </th>
            <th scope="col">Address</th>
            <th scope="col">Rack</th>
            <th scope="col">Role</th>
            <th scope="col" className="num" title="Partitions this broker leads">
              Leader of
            </th>
            <th scope="col" className="num" title="Partition replicas stored on this broker">
              Replicas
            </th>
            <th scope="col" className="num" title="Replicas on this broker that are not in sync">
              Out of sync
            </th>
            <th scope="col" title={logDirsUnavailable ?? 'Log directories: data size and free space'}>
              Log directories
            </th>
            <th scope="col">
              <span className="visually-hidden">Configs</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {brokers.map((b) => (
            <tr key={b.nodeId} className={selected === b.nodeId ? 'row-selected' : undefined}>
              <td className="num mono">{b.nodeId}</td>
              <td className="mono">
                {b.host}:{b.port}
              </td>
              <td>{b.rack ?? <span className="muted">—</span>}</td>
              <td>{b.isController ? <span className="badge badge-neutral">Controller</span> : ''}</td>
              <td className="num mono">{b.leaderPartitions.toLocaleString('en-US')}</td>
              <td className="num mono">{b.replicaPartitions.toLocaleString('en-US')}</td>
              <td className={`num mono ${b.outOfSyncReplicas > 0 ? 'warn-text' : ''}`}>{b.outOfSyncReplicas}</td>
              <td>
                <LogDirs dirs={b.logDirs} unavailable={logDirsUnavailable} />
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-expanded={selected === b.nodeId}
                  aria-label={`${selected === b.nodeId ? 'Hide configs' : 'Configs'} of broker ${b.nodeId}`}
                  onClick={() => onSelect(b.nodeId)}
                >
                  {selected === b.nodeId ? 'Hide configs' : 'Configs'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LogDirs({ dirs, unavailable }: { dirs: LogDirInfo[] | null; unavailable: string | null }) {
  if (!dirs)
    return (
      <span className="muted" title={unavailable ?? undefined}>
        —
      </span>
    );
  return (
    <ul className="log-dirs">
      {dirs.map((d) => (
        <li key={d.path} title={d.path}>
          {d.error ? (
            <span className="error-text">{d.error}</span>
          ) : (
            <>
              <span className="mono">{formatSize(d.sizeBytes)}</span>
              {d.usableBytes !== null && d.totalBytes !== null && (
                <span className="muted small">
                  {' '}
                  · {formatSize(d.usableBytes)} free of {formatSize(d.totalBytes)}
                </span>
              )}
              {dirs.length > 1 && <span className="muted small"> · {d.path}</span>}
            </>
          )}
        </li>
      ))}
      {dirs.length === 0 && <li className="muted">{count(0, 'directory', 'directories')}</li>}
    </ul>
  );
}
