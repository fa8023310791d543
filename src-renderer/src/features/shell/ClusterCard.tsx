import { useId } from 'react';
import type { ConnectionProfile } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { count } from '../../lib/plural.js';
import { routeHref } from '../../lib/route.js';
import { connectionStatus, useCheckHealth, useConnectionHealth, type ConnectionStatus } from '../../queries/health.js';
import { useSandboxAction, useSandboxStatus } from '../../queries/sandbox.js';
import { useConnectionDialogs } from './connectionDialogs.js';

/** One saved cluster on the home page: its name (the link), address, whether it answers, and what fixes it. */
export function ClusterCard({ profile }: { profile: ConnectionProfile }) {
  const health = useConnectionHealth(profile.id);
  const status = connectionStatus(profile, health, useSandboxStatus().data);
  const check = useCheckHealth();
  const dialogs = useConnectionDialogs();
  const titleId = useId();
  return (
    <article className="cluster-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="cluster-card-name">
        <a href={routeHref({ page: 'cluster', clusterId: profile.id, section: 'overview' })}>{profile.name}</a>
      </h2>
      <p className="mono muted small ellipsis" title={profile.bootstrapServers.join(', ')}>
        {profile.bootstrapServers.join(', ')}
      </p>
      <StateLine status={status} brokers={status.online ? (health?.brokerCount ?? null) : null} />
      {profile.sandbox ? (
        <SandboxActions down={status.sandboxDown} />
      ) : (
        !status.online &&
        status.tone === 'error' && (
          <div className="cluster-card-actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={check.isPending}
              onClick={() => check.mutate(profile.id)}
            >
              {check.isPending ? 'Checking…' : 'Check again'}
            </button>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => dialogs.openEdit(profile)}>
              Edit connection
            </button>
          </div>
        )
      )}
    </article>
  );
}

/** The sandbox before it ever ran: no connection yet, so the card says how to start it. */
export function SandboxStartCard() {
  const sandbox = useSandboxStatus().data;
  const status = connectionStatus({ sandbox: true }, undefined, sandbox ?? { state: 'stopped', error: null });
  const titleId = useId();
  return (
    <article className="cluster-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="cluster-card-name">
        <a href={routeHref({ page: 'sandbox' })}>Sandbox</a>
      </h2>
      <p className="muted small">A Kafka-compatible broker built into Samsa: no Docker, no Java.</p>
      <StateLine status={status} brokers={null} />
      <SandboxActions down={status.sandboxDown} />
    </article>
  );
}

function StateLine({ status, brokers }: { status: ConnectionStatus; brokers: number | null }) {
  return (
    <>
      <p className="cluster-card-state">
        <span className={`dot dot-tone-${status.tone}`} aria-hidden="true" />
        <span>{status.word}</span>
        {brokers !== null && <span className="muted">· {count(brokers, 'broker')}</span>}
      </p>
      {status.problem && status.tone === 'error' && <p className="cluster-card-problem small">{status.problem}</p>}
    </>
  );
}

function SandboxActions({ down }: { down: boolean }) {
  const start = useSandboxAction('start');
  return (
    <>
      <div className="cluster-card-actions">
        {down && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={start.isPending}
            onClick={() => start.mutate()}
          >
            {start.isPending ? 'Starting…' : 'Start the sandbox'}
          </button>
        )}
        <a className="small" href={routeHref({ page: 'sandbox' })}>
          Sandbox settings and log
        </a>
      </div>
      <ErrorAlert error={start.error} title="The sandbox did not start" />
    </>
  );
}
