import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { routeHref } from '../../lib/route.js';
import { useConnections } from '../../queries/connections.js';
import { useDemoTraffic, useSandboxStatus, useSetDemoTraffic } from '../../queries/sandbox.js';
import './demo-traffic.css';

/** One switch: a steady producer and a slower, pausing consumer group, to watch a lag graph move. */
export function DemoTraffic() {
  const status = useDemoTraffic();
  const set = useSetDemoTraffic();
  const sandbox = useSandboxStatus().data?.state;
  const profile = useConnections().data?.find((c) => c.sandbox);
  const running = set.isPending ? set.variables : (status.data?.running ?? false);
  const { refetch } = status;
  // The sandbox stopping stops the traffic too: ask again whenever its state changes.
  useEffect(() => {
    void refetch();
  }, [sandbox, refetch]);
  const d = status.data;
  return (
    <section className="demo-traffic" aria-labelledby="demo-title">
      <h2 id="demo-title" className="section-heading">
        Demo traffic
      </h2>
      <div className="toolbar">
        <button
          type="button"
          role="switch"
          aria-checked={running}
          className={running ? 'switch switch-on' : 'switch'}
          disabled={set.isPending || (sandbox !== 'running' && !running)}
          onClick={() => set.mutate(!running)}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          Demo traffic
        </button>
        <span className="small muted">
          A producer writes 20 orders a second to <code>{d?.topic ?? 'demo.orders.lag'}</code>; the group{' '}
          <code>{d?.groupId ?? 'demo-slow-consumer'}</code> reads them but pauses for 25 s of every minute, so it lags.
        </span>
      </div>
      {running && profile && d && (
        <p className="small">
          <a href={routeHref({ page: 'group', clusterId: profile.id, groupId: d.groupId })}>Watch its lag</a>
          <span className="muted"> — lag starts rising within half a minute. Turn the switch off to stop both.</span>
        </p>
      )}
      {d?.error && !running && <p className="warn-text small">{d.error}</p>}
      <ErrorAlert error={set.error} title="Demo traffic" />
    </section>
  );
}
