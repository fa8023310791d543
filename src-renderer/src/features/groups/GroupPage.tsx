import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows, SkeletonText } from '../../components/Skeleton.js';
import { routeHref } from '../../lib/route.js';
import { useGroupDetail, useSetPinned } from '../../queries/groups.js';
import { DeleteGroupDialog, DeleteOffsetsDialog } from './DeleteDialogs.js';
import { formatLag } from './format.js';
import { HealthBadge } from './HealthBadge.js';
import { LagChartPanel } from './LagChartPanel.js';
import { MembersTable } from './MembersTable.js';
import { PartitionLagTables } from './PartitionLagTables.js';
import { ProblemNote } from './ProblemNote.js';
import { ResetOffsetsDialog } from './ResetOffsetsDialog.js';
import { SampleAge } from './SampleAge.js';
import './groups.css';

type Open = 'reset' | 'delete' | 'deleteOffsets' | null;

/** One consumer group: its lag over time, members, and per-partition offsets, all live. */
export function GroupPage({ clusterId, groupId }: { clusterId: string; groupId: string }) {
  const { detail, samples, error } = useGroupDetail(clusterId, groupId);
  const pin = useSetPinned();
  const [open, setOpen] = useState<Open>(null);
  const pinned = pin.isPending ? pin.variables.pinned : (detail?.pinned ?? false);
  // A group page opened while its cluster is not sampled shows history only.
  const live = detail !== null && detail.sampledAt !== null;

  return (
    <section className="group-page" aria-labelledby="group-title">
      <div className="group-header">
        <div className="group-title-row">
          <a href={routeHref({ page: 'cluster', clusterId, section: 'groups' })} className="small">
            ← All groups
          </a>
          <h2 id="group-title" className="mono group-name">
            {groupId}
          </h2>
          {live && <span className="tag">{detail.type}</span>}
          {live && <HealthBadge health={detail.health} />}
          <span className="spacer" />
          <SampleAge sampledAt={detail?.sampledAt ?? null} lagKnown={Boolean(detail)} />
        </div>
        <div className="group-title-row">
          {detail && !live ? (
            <span className="muted small">No live figures</span>
          ) : detail ? (
            <span className="muted small">
              {detail.state}
              {detail.assignor ? ` · ${detail.assignor}` : ''} · {detail.members.length} member
              {detail.members.length === 1 ? '' : 's'} · lag {formatLag(detail.totalLag)}
              {detail.coordinator !== null ? ` · coordinator broker ${detail.coordinator}` : ''}
            </span>
          ) : (
            <SkeletonText width="20em" />
          )}
          <span className="spacer" />
          <div className="page-actions">
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={pinned}
              onClick={() => pin.mutate({ clusterId, groupId, pinned: !pinned })}
            >
              {pinned ? '★ Pinned' : '☆ Pin'}
            </button>
            <button type="button" className="btn btn-small" disabled={!detail} onClick={() => setOpen('reset')}>
              Reset offsets…
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={!detail || detail.topics.length === 0}
              onClick={() => setOpen('deleteOffsets')}
            >
              Delete offsets…
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger-quiet"
              disabled={!detail}
              onClick={() => setOpen('delete')}
            >
              Delete group…
            </button>
          </div>
        </div>
      </div>
      {detail && detail.health.level !== 'OK' && detail.health.level !== 'UNKNOWN' && (
        <p className={detail.health.level === 'ERROR' ? 'error-text small' : 'warn-text small'}>
          {detail.health.reason}
        </p>
      )}
      <ProblemNote problem={detail?.problem ?? null} kind={detail?.problemKind ?? null} hasFigures={live} />
      <ErrorAlert error={error} title={error?.code === 'NOT_FOUND' ? 'Group not found' : 'Could not follow this group'}>
        {error?.code === 'NOT_FOUND' && (
          <a href={routeHref({ page: 'cluster', clusterId, section: 'groups' })}>Back to all groups</a>
        )}
      </ErrorAlert>
      {!detail ? (
        !error && <SkeletonRows rows={6} label="Loading the group" />
      ) : (
        <div className="group-body">
          <LagChartPanel clusterId={clusterId} detail={detail} samples={samples} />
          <h3 className="section-heading">Members</h3>
          {live ? <MembersTable detail={detail} /> : <p className="muted small">Not known without live figures.</p>}
          <h3 className="section-heading">Offsets and lag</h3>
          {live ? (
            <PartitionLagTables detail={detail} />
          ) : (
            <p className="muted small">Not known without live figures.</p>
          )}
        </div>
      )}
      {open === 'reset' && detail && (
        <ResetOffsetsDialog clusterId={clusterId} detail={detail} onClose={() => setOpen(null)} />
      )}
      {open === 'delete' && detail && (
        <DeleteGroupDialog clusterId={clusterId} detail={detail} onClose={() => setOpen(null)} />
      )}
      {open === 'deleteOffsets' && detail && (
        <DeleteOffsetsDialog clusterId={clusterId} detail={detail} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}
