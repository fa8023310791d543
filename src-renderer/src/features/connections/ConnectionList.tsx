import type { ConnectionProfile } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { routeHref } from '../../lib/route.js';
import { useConnections } from '../../queries/connections.js';

/** Sidebar list of saved clusters; each is a link to its overview. */
export function ConnectionList({ activeId }: { activeId: string | null }) {
  const connections = useConnections();
  if (connections.isPending) return <SkeletonRows rows={3} height={28} label="Loading connections" />;
  if (connections.isError)
    return (
      <ErrorAlert
        error={connections.error}
        title="Could not load connections"
        onRetry={() => void connections.refetch()}
      />
    );
  // The sandbox's own profile lives under "Local" (see Sidebar), not among the person's clusters.
  const saved = connections.data.filter((c) => !c.sandbox);
  if (saved.length === 0) return <p className="sidebar-empty">No connections yet.</p>;
  return (
    <ul className="nav-list">
      {saved.map((c) => (
        <ConnectionItem key={c.id} connection={c} active={c.id === activeId} />
      ))}
    </ul>
  );
}

function ConnectionItem({ connection, active }: { connection: ConnectionProfile; active: boolean }) {
  return (
    <li>
      <a
        className="nav-item"
        href={routeHref({ page: 'cluster', clusterId: connection.id, section: 'overview' })}
        aria-current={active ? 'page' : undefined}
        title={connection.bootstrapServers.join(', ')}
      >
        <span className="nav-item-label">{connection.name}</span>
      </a>
    </li>
  );
}
