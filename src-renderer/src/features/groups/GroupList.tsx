import { useDeferredValue, useMemo, useState } from 'react';
import type { GroupSummary } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useGroupList } from '../../queries/groups.js';
import { GroupTable, type SortKey } from './GroupTable.js';
import { severity } from './HealthBadge.js';
import { HistorySettingsButton } from './HistorySettings.js';
import { ProblemNote } from './ProblemNote.js';
import { SampleAge } from './SampleAge.js';
import './groups.css';

type StatusFilter = 'all' | 'problems' | 'errors';

/** The Consumer groups section: every group of the cluster, live. */
export function GroupList({ clusterId }: { clusterId: string }) {
  const list = useGroupList(clusterId);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const deferred = useDeferredValue(search);

  const shown = useMemo(
    () => sortGroups(filterGroups(list.groups, deferred, status), sort.key, sort.desc),
    [list.groups, deferred, status, sort],
  );
  const problems = useMemo(() => list.groups.filter((g) => severity(g.health) >= 2).length, [list.groups]);

  return (
    <section className="group-list" aria-labelledby="groups-title">
      <h2 id="groups-title" className="visually-hidden">
        Consumer groups
      </h2>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label="Search groups"
          placeholder="Search groups or topics"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="inline-field">
          <span>Show</span>
          <select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="all">All groups</option>
            <option value="problems">Warnings and errors</option>
            <option value="errors">Errors only</option>
          </select>
        </label>
        <span role="status" className="muted small">
          {list.loaded &&
            `${shown.length === list.groups.length ? list.groups.length.toLocaleString('en-US') : `${shown.length.toLocaleString('en-US')} of ${list.groups.length.toLocaleString('en-US')}`} group${list.groups.length === 1 ? '' : 's'}` +
              (problems > 0 ? ` · ${problems} with problems` : '')}
        </span>
        <span className="spacer" />
        <SampleAge sampledAt={list.sampledAt} lagKnown={list.lagKnown} />
        <HistorySettingsButton />
      </div>
      <ProblemNote problem={list.problem} kind={list.problemKind} hasFigures={list.sampledAt !== null} />
      <ErrorAlert error={list.error} title="Could not follow the consumer groups" />
      {!list.loaded ? (
        list.error ? null : (
          <SkeletonRows rows={8} height={32} label="Loading consumer groups" />
        )
      ) : (
        <GroupTable
          clusterId={clusterId}
          groups={shown}
          lagKnown={list.lagKnown}
          sort={sort}
          onSort={(key) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === 'lag' || key === 'status' }))}
          emptyText={
            list.groups.length === 0
              ? 'This cluster has no consumer groups yet.'
              : `No groups match${deferred ? ` “${deferred}”` : ''} with this filter.`
          }
        />
      )}
    </section>
  );
}

function filterGroups(groups: GroupSummary[], query: string, status: StatusFilter): GroupSummary[] {
  const q = query.trim().toLowerCase();
  return groups.filter(
    (g) =>
      (status === 'all' || severity(g.health) >= (status === 'errors' ? 3 : 2)) &&
      (!q || g.groupId.toLowerCase().includes(q) || g.topics.some((t) => t.toLowerCase().includes(q))),
  );
}

const byName = (a: GroupSummary, b: GroupSummary) => a.groupId.localeCompare(b.groupId);

/** Pinned groups stay on top; ties go by name so rows keep their place while figures stream in. */
function sortGroups(groups: GroupSummary[], key: SortKey, desc: boolean): GroupSummary[] {
  const dir = desc ? -1 : 1;
  const cmp: Record<SortKey, (a: GroupSummary, b: GroupSummary) => number> = {
    name: byName,
    type: (a, b) => a.type.localeCompare(b.type),
    state: (a, b) => a.state.localeCompare(b.state),
    members: (a, b) => (a.memberCount ?? -1) - (b.memberCount ?? -1),
    lag: (a, b) => (a.totalLag ?? -1) - (b.totalLag ?? -1),
    status: (a, b) => severity(a.health) - severity(b.health),
  };
  return [...groups].sort((a, b) => Number(b.pinned) - Number(a.pinned) || dir * cmp[key](a, b) || byName(a, b));
}
