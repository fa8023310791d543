import type { ConnectionTestResult } from '../../contract.js';

/** A live region that is always there, so screen readers announce the outcome when it appears. */
export function TestConnectionResult({
  pending,
  result,
}: {
  pending: boolean;
  result: ConnectionTestResult | undefined;
}) {
  return (
    <div role="status" className="test-result">
      {pending && <span className="muted">Testing connection…</span>}
      {!pending && result && (
        <span className="ok-text">
          Connected to cluster <code>{result.clusterId ?? 'unknown id'}</code> · {result.brokerCount}{' '}
          {result.brokerCount === 1 ? 'broker' : 'brokers'}
          {result.topicCount !== undefined && ` · ${result.topicCount} ${result.topicCount === 1 ? 'topic' : 'topics'}`}
          {` · ${Math.round(result.latencyMs)} ms`}
        </span>
      )}
    </div>
  );
}
