import type { TopicDetail } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { routeHref } from '../../lib/route.js';
import { useTopicGroups } from '../../queries/groups.js';
import { formatLag } from './format.js';
import { HealthBadge } from './HealthBadge.js';
import { SampleAge } from './SampleAge.js';
import './groups.css';

/** The topic page's "Consumer groups" tab: who reads this topic and how far behind each group is. */
export function TopicGroupsTab({
  clusterId,
  topic,
}: {
  clusterId: string;
  topic: string;
  detail: TopicDetail | undefined;
}) {
  const { data, error } = useTopicGroups(clusterId, topic);
  return (
    <div className="topic-groups">
      <div className="toolbar">
        <span className="muted small" role="status">
          {data && `${data.groups.length} group${data.groups.length === 1 ? '' : 's'} read this topic`}
        </span>
        <span className="spacer" />
        <SampleAge sampledAt={data?.sampledAt ?? null} lagKnown={Boolean(data)} />
      </div>
      {data?.problem && <p className="warn-text small">{data.problem}</p>}
      <ErrorAlert error={error} title="Could not follow the consumer groups" />
      {!data ? (
        !error && <SkeletonRows rows={3} label="Loading consumer groups" />
      ) : data.groups.length === 0 ? (
        <p className="empty">No consumer group has committed offsets on this topic or is assigned to it.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Consumer groups reading {topic}</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Type</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Partitions with a commit
                </th>
                <th scope="col" className="num">
                  Lag on this topic
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.groupId}>
                  <td className="mono">
                    <a href={routeHref({ page: 'group', clusterId, groupId: g.groupId })}>{g.groupId}</a>
                  </td>
                  <td>{g.type}</td>
                  <td>{g.state}</td>
                  <td className="num mono">{g.partitionsWithCommit}</td>
                  <td className="num mono">{formatLag(g.lag)}</td>
                  <td>
                    <HealthBadge health={g.health} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
