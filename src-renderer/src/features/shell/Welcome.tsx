import { ErrorAlert } from '../../components/ErrorAlert.js';
import { routeHref } from '../../lib/route.js';
import { useSandboxAction, useSandboxStatus } from '../../queries/sandbox.js';
import { useConnectionDialogs } from './connectionDialogs.js';
import { navigate } from './useRoute.js';

/** First run: two ways to get to a cluster. */
export function Welcome() {
  const dialogs = useConnectionDialogs();
  const start = useSandboxAction('start');
  const running = useSandboxStatus().data?.state === 'running';
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Samsa</h1>
      <p className="muted">
        Browse topics, read and produce messages on any Apache Kafka cluster — or try it all on the built-in sandbox
        broker, which needs no Docker and no Java.
      </p>
      <div className="welcome-actions">
        <button
          type="button"
          className="btn btn-primary btn-large"
          disabled={start.isPending}
          onClick={() =>
            running
              ? navigate({ page: 'sandbox' })
              : start.mutate(undefined, { onSuccess: () => navigate({ page: 'sandbox' }) })
          }
        >
          {start.isPending ? 'Starting the sandbox…' : 'Start the sandbox'}
        </button>
        <button type="button" className="btn btn-large" onClick={dialogs.openAdd}>
          Add a connection
        </button>
      </div>
      <ErrorAlert error={start.error} title="The sandbox did not start">
        <a href={routeHref({ page: 'sandbox' })}>Open the Sandbox page</a> to pick another port or read its log.
      </ErrorAlert>
    </section>
  );
}

export function PickACluster() {
  return (
    <section className="welcome" aria-labelledby="pick-title">
      <h1 id="pick-title">Pick a cluster</h1>
      <p className="muted">Choose a connection in the sidebar, or open the Sandbox.</p>
    </section>
  );
}
