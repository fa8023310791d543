import type { KafkaMessage } from '../../contract.js';
import { previewBytes } from '../../lib/bytes.js';
import { formatIso, formatLocalTime } from '../../lib/time.js';
import { BytesViewer } from './BytesViewer.js';

export function MessageDetail({ message: m, onClose }: { message: KafkaMessage; onClose: () => void }) {
  return (
    <section className="message-detail" aria-label="Message details">
      <header className="detail-header">
        <h3>
          Partition <span className="mono">{m.partition}</span> · Offset <span className="mono">{m.offset}</span>
        </h3>
        <button type="button" className="btn btn-small btn-quiet" aria-label="Close details" onClick={onClose}>
          ✕
        </button>
      </header>
      <p className="muted small mono" title={formatIso(m.timestamp)}>
        {formatLocalTime(m.timestamp)} · {formatIso(m.timestamp)}
      </p>
      {/* key={offset} resets each viewer's decode choice when another message is picked */}
      <BytesViewer key={`k-${m.partition}-${m.offset}`} label="key" value={m.key} />
      <BytesViewer key={`v-${m.partition}-${m.offset}`} label="value" value={m.value} />
      <h4 className="detail-heading">Headers ({m.headers.length})</h4>
      {m.headers.length === 0 ? (
        <p className="muted small">No headers.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {m.headers.map((h, i) => (
              <tr key={i}>
                <td className="mono">{h.key}</td>
                <td className="mono wrap">
                  {h.value === null ? <span className="muted">null</span> : previewBytes(h.value, 400)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
