import type { RecentSend } from '../../contract.js';
import { formatClock } from '../../lib/time.js';
import { useProduceHistory } from '../../queries/produce.js';

/** The last sends to this topic (kept in the data folder); a single record can be used again. */
export function RecentSends({
  clusterId,
  topic,
  onReuse,
}: {
  clusterId: string;
  topic: string;
  onReuse: (s: Extract<RecentSend, { kind: 'single' }>) => void;
}) {
  const history = useProduceHistory(clusterId, topic);
  const list = history.data ?? [];
  return (
    <section className="recent-sends" aria-labelledby="recent-sends-title">
      <h3 id="recent-sends-title" className="detail-heading">
        Recent sends
      </h3>
      {list.length === 0 ? (
        <p className="muted small">Nothing sent to this topic from Samsa yet.</p>
      ) : (
        <ul>
          {list.map((s, i) => (
            <li key={`${s.at}-${i}`} className="recent-send">
              <span className="muted small mono">{formatClock(s.at)}</span>
              {s.kind === 'single' ? (
                <>
                  <span className="small mono recent-send-text" title={s.value ?? ''}>
                    {s.key !== null && <span className="muted">{s.key} → </span>}
                    {s.value === null ? 'null' : s.value.replace(/\s+/g, ' ').slice(0, 120)}
                  </span>
                  <span className="muted small">{s.offset === '-1' ? 'acks=0' : `p${s.partition} @${s.offset}`}</span>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => onReuse(s)}
                    aria-label={`Use again: ${s.key ?? 'no key'} at ${formatClock(s.at)}`}
                  >
                    Use again
                  </button>
                </>
              ) : (
                <span className="small">
                  {s.kind === 'bulk' ? 'Template' : s.kind === 'import' ? 'Import' : 'Re-send'}:{' '}
                  {s.count.toLocaleString('en-US')} records ({s.detail})
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
