import type { ConnectionProfile } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatLastUpdated } from '../../lib/last-updated.js';
import { useCheckHealth, useClusterDataUpdatedAt, useConnectionStatus } from '../../queries/health.js';
import { useSandboxAction } from '../../queries/sandbox.js';

/**
 * On every page of a cluster that does not answer: says so, says how old the shown data is, and
 * offers what fixes it (Start for the sandbox, Check again for a saved connection). The
 * status line stays in the page while connected, empty, so the change is announced when it comes.
 */
export function DisconnectedBanner({ profile }: { profile: ConnectionProfile }) {
  const status = useConnectionStatus(profile);
  const updatedAt = useClusterDataUpdatedAt(profile.id, status?.down === true);
  const start = useSandboxAction('start');
  const check = useCheckHealth();
  const down = status?.down === true;
  const busy = status?.tone === 'busy';
  const shown = down || busy;

  return (
    <div className={shown ? `conn-banner conn-banner-${down ? 'down' : 'busy'}` : 'conn-banner-empty'}>
      <p role="status" className="conn-banner-text">
        {down && (
          <>
            <strong>Disconnected</strong>
            {updatedAt !== null && <> — last updated {formatLastUpdated(updatedAt)}</>}.
            {status.problem && <span className="conn-banner-problem"> {status.problem}</span>}
          </>
        )}
        {busy && <>{status.word === 'Stopping…' ? 'The sandbox is stopping…' : 'The sandbox is starting…'}</>}
      </p>
      {down && (
        <div className="conn-banner-actions">
          {/* The page header has Edit connection and the sandbox's settings; the banner offers the fix. */}
          {status.sandboxDown ? (
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={start.isPending}
              onClick={() => start.mutate()}
            >
              {start.isPending ? 'Starting…' : 'Start the sandbox'}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small"
              disabled={check.isPending}
              onClick={() => check.mutate(profile.id)}
            >
              {check.isPending ? 'Checking…' : 'Check again'}
            </button>
          )}
        </div>
      )}
      {down && <ErrorAlert error={start.error} title="The sandbox did not start" />}
    </div>
  );
}
