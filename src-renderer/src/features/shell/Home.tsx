import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { parseRoute } from '../../lib/route.js';
import { useConnections } from '../../queries/connections.js';
import { useSandboxStatus } from '../../queries/sandbox.js';
import { ClusterCard, SandboxStartCard } from './ClusterCard.js';
import { useConnectionDialogs } from './connectionDialogs.js';
import { navigate } from './useRoute.js';

// Only a window that opened on the start page may be sent on to the sandbox; coming back here later stays here.
let mayLand = typeof window !== 'undefined' && parseRoute(window.location.hash).page === 'home';

/** The start page: every cluster as a card with its state and broker count, and the way to add one. */
export function Home() {
  const connections = useConnections();
  const landing = useFirstRunLanding();
  const dialogs = useConnectionDialogs();
  if (landing) return null;
  const sandbox = connections.data?.find((c) => c.sandbox);
  const saved = connections.data?.filter((c) => !c.sandbox) ?? [];
  const newcomer = connections.isSuccess && saved.length === 0;
  return (
    <div className="page page-home">
      <header className="page-header">
        <div className="page-title">
          <h1>{newcomer ? 'Welcome to Samsa' : 'Clusters'}</h1>
          <span className="muted small">
            {newcomer
              ? 'Browse topics, read and produce messages on any Apache Kafka cluster, or try it all on the built-in sandbox.'
              : 'Every cluster you saved, and whether it answers now.'}
          </span>
        </div>
      </header>
      {connections.isError ? (
        <ErrorAlert
          error={connections.error}
          title="Could not load connections"
          onRetry={() => void connections.refetch()}
        />
      ) : connections.isPending ? (
        <SkeletonRows rows={3} height={96} label="Loading clusters" />
      ) : (
        <ul className="cluster-cards">
          <li>{sandbox ? <ClusterCard profile={sandbox} /> : <SandboxStartCard />}</li>
          {saved.map((p) => (
            <li key={p.id}>
              <ClusterCard profile={p} />
            </li>
          ))}
          <li>
            <button type="button" className="cluster-card cluster-card-add" onClick={dialogs.openAdd}>
              <span className="cluster-card-name">Add a connection</span>
              <span className="muted small">Any Apache Kafka cluster: its bootstrap address, TLS and SASL.</span>
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}

/**
 * First run: the sandbox was started for the newcomer, so the window lands on that working cluster.
 * True while that is still being decided (the sandbox may still be starting), so the page does not flash.
 */
function useFirstRunLanding(): boolean {
  const connections = useConnections();
  const sandbox = useSandboxStatus();
  const [deciding, setDeciding] = useState(mayLand);
  // Left before it was decided: coming back later is a visit to the start page, not a first run.
  useEffect(() => () => void (mayLand = false), []);
  const state = sandbox.data?.state;
  const saved = connections.data?.filter((c) => !c.sandbox).length;
  const profileId = connections.data?.find((c) => c.sandbox)?.id;
  useEffect(() => {
    if (!mayLand) return;
    if (connections.isError || sandbox.isError) return void finish(setDeciding);
    if (saved === undefined || state === undefined) return;
    if (saved > 0 || (state !== 'running' && state !== 'starting')) return void finish(setDeciding);
    if (state === 'running' && profileId) {
      finish(setDeciding);
      navigate({ page: 'cluster', clusterId: profileId, section: 'overview' });
    }
  }, [connections.isError, sandbox.isError, saved, state, profileId]);
  return deciding;
}

function finish(setDeciding: (v: boolean) => void) {
  mayLand = false;
  setDeciding(false);
}
