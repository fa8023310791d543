import { useState } from 'react';
import type { SandboxState, SandboxStatus } from '../../contract.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonText } from '../../components/Skeleton.js';
import { StateBadge } from '../../components/StateBadge.js';
import { formatSize } from '../../lib/bytes.js';
import { routeHref } from '../../lib/route.js';
import { useConnections } from '../../queries/connections.js';
import { useSandboxAction, useSandboxStatus } from '../../queries/sandbox.js';
import { SampleDataButton } from './SampleData.js';
import { DemoTraffic } from './DemoTraffic.js';
import { SandboxLog } from './SandboxLog.js';

const TONE: Record<SandboxState, 'ok' | 'warn' | 'error' | 'neutral' | 'busy'> = {
  running: 'ok',
  starting: 'busy',
  stopping: 'busy',
  stopped: 'neutral',
  failed: 'error',
};

export function SandboxPage() {
  const status = useSandboxStatus();
  const s = status.data;
  return (
    <div className="page page-sandbox">
      <header className="page-header">
        <div className="page-title">
          <h1>Sandbox</h1>
          <span className="muted small">A Kafka-compatible broker bundled with Samsa, for trying things locally.</span>
        </div>
        {s && (
          <div role="status" aria-label="Sandbox state">
            <StateBadge tone={TONE[s.state]}>{s.state}</StateBadge>
          </div>
        )}
      </header>
      <ErrorAlert
        error={status.error}
        title="Could not read the sandbox status"
        onRetry={() => void status.refetch()}
      />
      <SandboxFacts status={s} />
      {s?.error && (
        <ErrorAlert
          error={s.error}
          title={s.state === 'failed' ? 'The sandbox failed' : 'The sandbox reported a problem'}
        />
      )}
      <SandboxControls status={s} />
      <DemoTraffic />
      <h2 className="section-heading">Log</h2>
      <SandboxLog />
    </div>
  );
}

function SandboxFacts({ status: s }: { status: SandboxStatus | undefined }) {
  const connections = useConnections();
  const profile = connections.data?.find((c) => c.sandbox);
  const address = s?.port ? `${s.host}:${s.port}` : '—';
  return (
    <dl className="stats">
      <div className="stat stat-wide">
        <dt>Address</dt>
        <dd className="mono">{s ? address : <SkeletonText />}</dd>
      </div>
      <div className="stat stat-wide">
        <dt>Data folder</dt>
        <dd className="mono ellipsis" title={s?.dataDir}>
          {s ? s.dataDir : <SkeletonText width="16em" />}
        </dd>
      </div>
      <div className="stat">
        <dt>Data size</dt>
        <dd>{s ? formatSize(s.dataSizeBytes) : <SkeletonText width="4em" />}</dd>
      </div>
      <div className="stat">
        <dt>Cluster</dt>
        <dd>
          {profile && s?.state === 'running' ? (
            <a href={routeHref({ page: 'cluster', clusterId: profile.id, section: 'topics' })}>Browse topics</a>
          ) : (
            <span className="muted">not running</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function SandboxControls({ status: s }: { status: SandboxStatus | undefined }) {
  const start = useSandboxAction('start');
  const stop = useSandboxAction('stop');
  const reset = useSandboxAction('reset');
  const [port, setPort] = useState('');
  const [confirmReset, setConfirmReset] = useState(false);
  const state = s?.state;
  const busy = start.isPending || stop.isPending || reset.isPending || state === 'starting' || state === 'stopping';
  const running = state === 'running';
  const portNumber = port.trim() === '' ? undefined : Number(port);
  const portError =
    portNumber !== undefined && !(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535)
      ? 'Port must be 1 to 65535'
      : undefined;

  const lastError = start.error ?? stop.error ?? reset.error;
  // A refused start usually also lands in status.error, shown above; say it once.
  const shownError = lastError && lastError.message !== s?.error ? lastError : null;

  return (
    <section className="sandbox-controls" aria-label="Sandbox controls">
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (!portError && !running) start.mutate(portNumber === undefined ? undefined : { port: portNumber });
        }}
      >
        <label className="inline-field">
          <span>Port</span>
          <input
            type="text"
            inputMode="numeric"
            className="mono port-input"
            placeholder={s?.port ? String(s.port) : '9092'}
            value={port}
            aria-invalid={Boolean(portError)}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || running || Boolean(portError)}>
          Start
        </button>
        <button type="button" className="btn" disabled={busy || !running} onClick={() => stop.mutate()}>
          Stop
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => setConfirmReset(true)}>
          Reset data
        </button>
        <SampleDataButton disabled={!running} />
        {portError && <span className="field-error">{portError}</span>}
      </form>
      {s?.suggestedPort && (
        <p className="small">
          That port is taken.{' '}
          <button type="button" className="btn btn-small" onClick={() => setPort(String(s.suggestedPort))}>
            Use port {s.suggestedPort}
          </button>
        </p>
      )}
      <ErrorAlert error={shownError} />
      {confirmReset && (
        <ConfirmDialog
          title="Reset sandbox data?"
          confirmLabel="Yes, reset"
          busy={reset.isPending}
          error={reset.error}
          onCancel={() => setConfirmReset(false)}
          onConfirm={() => reset.mutate(undefined, { onSuccess: () => setConfirmReset(false) })}
        >
          This stops the sandbox broker and deletes every topic and message in <code>{s?.dataDir}</code>.
        </ConfirmDialog>
      )}
    </section>
  );
}
