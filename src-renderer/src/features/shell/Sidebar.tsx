import type { Route } from '../../lib/route.js';
import { routeHref } from '../../lib/route.js';
import { useSandboxStatus } from '../../queries/useSandbox.js';
import { ConnectionList } from '../connections/ConnectionList.js';
import { useConnectionDialogs } from './connectionDialogs.js';

export function Sidebar({ route }: { route: Route }) {
  const dialogs = useConnectionDialogs();
  const activeId = route.page === 'cluster' || route.page === 'topic' ? route.clusterId : null;
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
        </ul>
      </nav>
      <div className="sidebar-footer">
        <button type="button" className="btn btn-block" onClick={dialogs.openAdd}>
          Add connection
        </button>
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
