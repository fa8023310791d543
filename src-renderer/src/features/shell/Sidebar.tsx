import type { Route } from '../../lib/route.js';
import { routeHref } from '../../lib/route.js';
import { AboutButton } from '../about/AboutDialog.js';
import { ConnectionList } from '../connections/ConnectionList.js';
import { useConnectionDialogs } from './connectionDialogs.js';
import { SidebarToggle } from './SidebarToggle.js';

export function Sidebar({ route, collapsed, onToggle }: { route: Route; collapsed: boolean; onToggle: () => void }) {
  const dialogs = useConnectionDialogs();
  const activeId =
    route.page === 'cluster' || route.page === 'topic' || route.page === 'group' ? route.clusterId : null;
  return (
    <aside className="sidebar" id="sidebar">
      <div className="sidebar-rail">
        <SidebarToggle collapsed={collapsed} onToggle={onToggle} />
      </div>
      <a className="brand" href={routeHref({ page: 'home' })}>
        Samsa
      </a>
      <nav aria-label="Clusters" className="sidebar-nav">
        <h2 className="sidebar-heading">Clusters</h2>
        {/* The sandbox is one cluster among the others, with its Start/Stop page one click away from it. */}
        <ConnectionList activeId={activeId} sandboxPage={route.page === 'sandbox'} />
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
