import type { ClusterOverview } from '../../contract.js';

export function BrokersTable({ overview }: { overview: ClusterOverview }) {
  const brokers = [...overview.brokers].sort((a, b) => a.nodeId - b.nodeId);
  return (
    <table className="table">
      <caption className="visually-hidden">Brokers</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            ID
          </th>
          <th scope="col">Host</th>
          <th scope="col" className="num">
            Port
          </th>
          <th scope="col">Rack</th>
          <th scope="col">Role</th>
        </tr>
      </thead>
      <tbody>
        {brokers.map((b) => (
          <tr key={b.nodeId}>
            <td className="num mono">{b.nodeId}</td>
            <td className="mono">{b.host}</td>
            <td className="num mono">{b.port}</td>
            <td>{b.rack ?? <span className="muted">—</span>}</td>
            <td>{b.nodeId === overview.controllerId ? 'Controller' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
