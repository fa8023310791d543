import type { GroupDetail, TopicLag } from '../../contract.js';
import { formatCount } from '../../lib/offsets.js';
import { formatAgo, formatLag } from './format.js';
import { HealthBadge, VerdictBadge } from './HealthBadge.js';

/** Per topic: each partition's committed offset, log end, lag, who holds it and its status; totals last. */
export function PartitionLagTables({ detail }: { detail: GroupDetail }) {
  if (detail.topics.length === 0) {
    return <p className="muted small">The group has no committed offsets and no assigned partitions.</p>;
  }
  const now = detail.sampledAt ?? 0;
  return (
    <div className="partition-lag">
      {detail.topics.map((t) => (
        <TopicTable key={t.topic} t={t} now={now} />
      ))}
    </div>
  );
}

function TopicTable({ t, now }: { t: TopicLag; now: number }) {
  return (
    <div className="table-scroll topic-lag">
      <table className="table table-compact">
        <caption>
          <span className="mono">{t.topic}</span> <HealthBadge health={t.health} />
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Partition
            </th>
            <th scope="col" className="num">
              Committed offset
            </th>
            <th scope="col" className="num">
              Log-end offset
            </th>
            <th scope="col" className="num">
              Lag
            </th>
            <th scope="col">Last commit seen</th>
            <th scope="col">Member</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {t.partitions.map((p) => (
            <tr key={p.partition}>
              <td className="num mono">{p.partition}</td>
              <td className="num mono">
                {p.committed === null ? <span className="muted">no commit</span> : formatCount(p.committed)}
              </td>
              <td className="num mono">{formatCount(p.logEnd)}</td>
              <td className="num mono">{formatLag(p.lag)}</td>
              <td className="small">
                {p.lastCommitSeen === null ? (
                  <span className="muted">not since Samsa started watching</span>
                ) : (
                  formatAgo(p.lastCommitSeen, now)
                )}
              </td>
              <td className="mono small">{p.clientId ?? <span className="muted">—</span>}</td>
              <td>
                <VerdictBadge verdict={p.verdict} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="num">
              Total
            </th>
            <td className="num mono">{formatLag(t.committedSum)}</td>
            <td className="num mono">{formatLag(t.logEndSum)}</td>
            <td className="num mono">{formatLag(t.lag)}</td>
            <td colSpan={3} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
