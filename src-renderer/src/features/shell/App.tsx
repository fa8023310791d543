import { useEffect } from 'react';
import { routeHref } from '../../lib/route.js';
import { useEventCache } from '../../queries/events.js';
import { useConnections } from '../../queries/connections.js';
import { useSandboxStatus } from '../../queries/sandbox.js';
import { ClusterPage } from '../clusters/ClusterPage.js';
import { SandboxPage } from '../sandbox/SandboxPage.js';
import { ConnectionDialogsProvider } from './connectionDialogs.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { LinkBanner } from './LinkBanner.js';
import { StartupNotices } from './StartupNotices.js';
import { Sidebar } from './Sidebar.js';
import { navigate, useRoute } from './useRoute.js';
import { PickACluster, Welcome } from './Welcome.js';

export function App() {
  useEventCache();
  const route = useRoute();
  return (
    <ConnectionDialogsProvider>
      <div className="app">
        <Sidebar route={route} />
        <main className="main">
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

function Home() {
  const connections = useConnections();
  const sandboxRunning = useSandboxStatus().data?.state === 'running';
  // The sandbox's own profile always exists; it doesn't count as "the person has clusters".
  const saved = connections.data?.filter((c) => !c.sandbox) ?? [];
  const sandboxProfile = connections.data?.find((c) => c.sandbox);
  const landOnSandbox = saved.length === 0 && sandboxRunning && sandboxProfile !== undefined;
  // First run: the sandbox was started for the newcomer, so land on that working cluster.
  useEffect(() => {
    if (landOnSandbox) navigate({ page: 'cluster', clusterId: sandboxProfile.id, section: 'overview' });
  }, [landOnSandbox, sandboxProfile?.id]);
  if (connections.isPending || landOnSandbox) return null;
  return saved.length > 0 ? <PickACluster /> : <Welcome />;
}
