import type { Route } from '../../lib/route.js';
import { routeHref } from '../../lib/route.js';
import { useConnections } from '../../queries/connections.js';
import { useSandboxStatus } from '../../queries/sandbox.js';
import { AboutButton } from '../about/AboutDialog.js';
import { ConnectionList } from '../connections/ConnectionList.js';
import { useConnectionDialogs } from './connectionDialogs.js';

export function Sidebar({ route }: { route: Route }) {
  const dialogs = useConnectionDialogs();
  const activeId =
    route.page === 'cluster' || route.page === 'topic' || route.page === 'group' ? route.clusterId : null;
  return (
    <aside className="sidebar">
      <a className="brand" href={routeHref({ page: 'home' })}>
        Samsa
      </a>
      <nav aria-label="Clusters" className="sidebar-nav">
        <h2 className="sidebar-heading">Connections</h2>
        <ConnectionList activeId={activeId} />
        <h2 className="sidebar-heading">Local</h2>
        <ul className="nav-list">
          <li>
            <SandboxLink active={route.page === 'sandbox'} />
          </li>
          <SandboxClusterLink activeId={activeId} />
        </ul>
      </nav>
      <div className="sidebar-footer">
        <button type="button" className="btn btn-block" onClick={dialogs.openAdd}>
          Add connection
        </button>
        <AboutButton />
      </div>
    </aside>
  );
}

function SandboxLink({ active }: { active: boolean }) {
  const status = useSandboxStatus();
  const state = status.data?.state;
  return (
    <a className="nav-item" href={routeHref({ page: 'sandbox' })} aria-current={active ? 'page' : undefined}>
      <span className="nav-item-label">Sandbox</span>
      {/* The dot is decoration; the state is spelled out on the Sandbox page. */}
      {state && <span className={`dot dot-${state}`} aria-hidden="true" title={state} />}
    </a>
  );
}

/** The sandbox broker's connection profile, under its own name so it can't be confused with the Sandbox page. */
function SandboxClusterLink({ activeId }: { activeId: string | null }) {
  const profile = useConnections().data?.find((c) => c.sandbox);
  if (!profile) return null;
  return (
    <li>
      <a
        className="nav-item nav-sub"
        href={routeHref({ page: 'cluster', clusterId: profile.id, section: 'overview' })}
        aria-current={activeId === profile.id ? 'page' : undefined}
      >
        <span className="nav-item-label">Local cluster</span>
      </a>
    </li>
  );
}
