import type { GroupDetail } from '../../contract.js';

/** Who consumes: client id, host and the partitions each member holds. */
export function MembersTable({ detail }: { detail: GroupDetail }) {
  if (detail.members.length === 0) {
    return (
      <p className="muted small">
        No active members{detail.state === 'Empty' ? ': the group is empty (offsets can be reset).' : '.'}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table table-compact">
        <caption className="visually-hidden">Members</caption>
        <thead>
          <tr>
            <th scope="col">Client id</th>
            <th scope="col">Host</th>
            <th scope="col">Member id</th>
            <th scope="col">Assigned partitions</th>
          </tr>
        </thead>
        <tbody>
          {detail.members.map((m) => (
            <tr key={m.memberId}>
              <td className="mono">{m.clientId || '—'}</td>
              <td className="mono">{m.host || '—'}</td>
              <td className="mono small ellipsis member-id" title={m.memberId}>
                {m.instanceId ? `${m.instanceId} (static) · ` : ''}
                {m.memberId}
              </td>
              <td className="mono">
                {m.assignment.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  m.assignment.map((a) => `${a.topic}[${a.partitions.join(', ')}]`).join('; ')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
