import { useRef } from 'react';
import { routeHref } from '../../lib/route.js';
import { useEventCache } from '../../queries/events.js';
import { useHealthFeed } from '../../queries/health.js';
import { ClusterPage } from '../clusters/ClusterPage.js';
import { SandboxPage } from '../sandbox/SandboxPage.js';
import { ConnectionDialogsProvider } from './connectionDialogs.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { Home } from './Home.js';
import { LinkBanner } from './LinkBanner.js';
import { StartupNotices } from './StartupNotices.js';
import { Sidebar } from './Sidebar.js';
import { useSidebarCollapsed } from './SidebarToggle.js';
import { useRoute } from './useRoute.js';
import { useRouteFocus } from './useRouteFocus.js';
import './shell.css';

export function App() {
  useEventCache();
  useHealthFeed();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  useRouteFocus(route, main);
  const [collapsed, setCollapsed] = useSidebarCollapsed();
  return (
    <ConnectionDialogsProvider>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <div className={collapsed ? 'app app-collapsed' : 'app'}>
        <Sidebar route={route} collapsed={collapsed} onToggle={() => setCollapsed(!collapsed)} />
        <main className="main" id="main" ref={main} tabIndex={-1}>
          <LinkBanner />
          <StartupNotices />
          <ErrorBoundary resetKey={routeHref(route)}>
            {route.page === 'home' && <Home />}
            {route.page === 'sandbox' && <SandboxPage />}
            {(route.page === 'cluster' || route.page === 'topic' || route.page === 'group') && (
              <ClusterPage route={route} />
            )}
          </ErrorBoundary>
        </main>
      </div>
    </ConnectionDialogsProvider>
  );
}
