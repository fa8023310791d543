import type { ConnectionProfile } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { StatusDot } from '../../components/StatusDot.js';
import { routeHref } from '../../lib/route.js';
import { useConnections } from '../../queries/connections.js';
import { useConnectionStatus } from '../../queries/health.js';
import { useSandboxStatus } from '../../queries/sandbox.js';

/**
 * Sidebar list of clusters, each a link to its overview with a dot for whether it answers now.
 * The sandbox comes first, under one name everywhere: "Sandbox".
 */
export function ConnectionList({ activeId, sandboxPage }: { activeId: string | null; sandboxPage: boolean }) {
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
  const sandbox = connections.data.find((c) => c.sandbox);
  const saved = connections.data.filter((c) => !c.sandbox);
  return (
    <ul className="nav-list">
      {sandbox ? (
        <ConnectionItem connection={sandbox} active={sandbox.id === activeId || sandboxPage} />
      ) : (
        <SandboxPageItem active={sandboxPage} />
      )}
      {saved.map((c) => (
        <ConnectionItem key={c.id} connection={c} active={c.id === activeId} />
      ))}
    </ul>
  );
}

function ConnectionItem({ connection, active }: { connection: ConnectionProfile; active: boolean }) {
  const status = useConnectionStatus(connection);
  return (
    <li>
      <a
        className="nav-item"
        href={routeHref({ page: 'cluster', clusterId: connection.id, section: 'overview' })}
        aria-current={active ? 'page' : undefined}
        title={connection.bootstrapServers.join(', ')}
      >
        <span className="nav-item-label">{connection.name}</span>
        {status && <StatusDot tone={status.tone} label={status.word} />}
      </a>
    </li>
  );
}

/** Before the sandbox first ran it has no connection yet: its entry leads to the page that starts it. */
function SandboxPageItem({ active }: { active: boolean }) {
  const state = useSandboxStatus().data?.state;
  return (
    <li>
      <a className="nav-item" href={routeHref({ page: 'sandbox' })} aria-current={active ? 'page' : undefined}>
        <span className="nav-item-label">Sandbox</span>
        <StatusDot tone={state === 'failed' ? 'error' : 'neutral'} label={state === 'failed' ? 'Failed' : 'Stopped'} />
      </a>
    </li>
  );
}
