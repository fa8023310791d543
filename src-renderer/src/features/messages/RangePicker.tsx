import { InlineField } from '../../components/InlineField.js';
import type { End, Start } from '../../contract.js';

const pad = (n: number) => String(n).padStart(2, '0');
function localInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
const parseLocal = (s: string) => {
  const ms = new Date(s).getTime();
  return Number.isNaN(ms) ? Date.now() : ms;
};

/** The part of the topic a search reads: from the oldest record, an offset or a time, to the end, an offset or a time. */
export function RangePicker({
  value,
  onChange,
}: {
  value: { from: Start; to: End };
  onChange: (v: { from: Start; to: End }) => void;
}) {
  const from = value.from.kind === 'positions' ? { kind: 'oldest' as const } : value.from;
  return (
    <span className="range-picker">
      <InlineField label="From">
        {(id) => (
          <select
            id={id}
            value={from.kind}
            onChange={(e) => {
              const k = e.target.value;
              onChange({
                ...value,
                from:
                  k === 'offset'
                    ? { kind: 'offset', offset: '0' }
                    : k === 'timestamp'
                      ? { kind: 'timestamp', timestamp: Date.now() - 3_600_000 }
                      : { kind: 'oldest' },
              });
            }}
          >
            <option value="oldest">the oldest record</option>
            <option value="offset">offset</option>
            <option value="timestamp">date and time</option>
          </select>
        )}
      </InlineField>
      {from.kind === 'offset' && (
        <input
          type="text"
          inputMode="numeric"
          className="mono range-offset"
          aria-label="From offset"
          value={from.offset}
          onChange={(e) =>
            /^\d{0,19}$/.test(e.target.value) &&
            onChange({ ...value, from: { kind: 'offset', offset: e.target.value || '0' } })
          }
        />
      )}
      {from.kind === 'timestamp' && (
        <input
          type="datetime-local"
          step="1"
          aria-label="From date and time (local)"
          value={localInput(from.timestamp)}
          onChange={(e) => onChange({ ...value, from: { kind: 'timestamp', timestamp: parseLocal(e.target.value) } })}
        />
      )}
      <InlineField label="to">
        {(id) => (
          <select
            id={id}
            value={value.to.kind}
            onChange={(e) => {
              const k = e.target.value;
              onChange({
                ...value,
                to:
                  k === 'offset'
                    ? { kind: 'offset', offset: '1000' }
                    : k === 'timestamp'
                      ? { kind: 'timestamp', timestamp: Date.now() }
                      : { kind: 'end' },
              });
            }}
          >
            <option value="end">the end</option>
            <option value="offset">offset</option>
            <option value="timestamp">date and time</option>
          </select>
        )}
      </InlineField>
      {value.to.kind === 'offset' && (
        <input
          type="text"
          inputMode="numeric"
          className="mono range-offset"
          aria-label="To offset (not included)"
          value={value.to.offset}
          onChange={(e) =>
            /^\d{0,19}$/.test(e.target.value) &&
            onChange({ ...value, to: { kind: 'offset', offset: e.target.value || '0' } })
          }
        />
      )}
      {value.to.kind === 'timestamp' && (
        <input
          type="datetime-local"
          step="1"
          aria-label="To date and time (local)"
          value={localInput(value.to.timestamp)}
          onChange={(e) => onChange({ ...value, to: { kind: 'timestamp', timestamp: parseLocal(e.target.value) } })}
        />
      )}
    </span>
  );
}
