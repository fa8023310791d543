import { InlineField } from '../../components/InlineField.js';
import { useState, type FormEvent } from 'react';
import type { Start } from '../../contract.js';

type Kind = 'newest' | 'oldest' | 'offset' | 'timestamp' | 'positions';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A time as <input type="datetime-local"> wants it, in local time. */
function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "42" (every partition) or "0:120, 1:98" (per partition). */
export function parseOffsets(text: string): Start | string {
  const t = text.trim();
  if (/^\d{1,19}$/.test(t)) return { kind: 'offset', offset: t };
  const parts = t.split(/[\s,]+/).filter(Boolean);
  const positions = parts.map((p) => /^(\d{1,7}):(\d{1,19})$/.exec(p));
  if (parts.length > 0 && positions.every(Boolean)) {
    return {
      kind: 'positions',
      direction: 'newer',
      positions: positions.map((m) => ({ partition: Number(m![1]), offset: m![2]! })),
    };
  }
  return 'Type an offset for every partition (120) or partition:offset pairs (0:120, 1:98)';
}

/**
 * Where reading starts: the newest records, the oldest, an offset (for every partition or per
 * partition), or a date-time (Kafka looks up the first record at or after it in each partition).
 */
export function StartPicker({
  value,
  onGo,
  label = 'Start at',
}: {
  value: Start;
  onGo: (s: Start) => void;
  label?: string;
}) {
  const [kind, setKind] = useState<Kind>(value.kind);
  const [offsets, setOffsets] = useState(value.kind === 'offset' ? value.offset : '');
  const [time, setTime] = useState(value.kind === 'timestamp' ? toLocalInput(value.timestamp) : '');
  const [error, setError] = useState<string | null>(null);

  function go(e?: FormEvent, k: Kind = kind) {
    e?.preventDefault();
    setError(null);
    if (k === 'newest' || k === 'oldest') return onGo({ kind: k });
    if (k === 'offset') {
      const s = parseOffsets(offsets);
      if (typeof s === 'string') return setError(s);
      return onGo(s);
    }
    if (k === 'timestamp') {
      const ms = new Date(time).getTime();
      if (Number.isNaN(ms)) return setError('Choose a date and time');
      return onGo({ kind: 'timestamp', timestamp: ms });
    }
  }

  return (
    <form className="start-picker" onSubmit={go}>
      <InlineField label={`${label}`}>
        {(id) => (
          <select
            id={id}
            value={kind}
            onChange={(e) => {
              const k = e.target.value as Kind;
              setKind(k);
              if (k === 'timestamp' && time === '') setTime(toLocalInput(Date.now() - 3_600_000));
              if (k === 'newest' || k === 'oldest') go(undefined, k);
            }}
          >
            <option value="newest">Newest</option>
            <option value="oldest">Oldest</option>
            <option value="offset">Offset…</option>
            <option value="timestamp">Time…</option>
            {value.kind === 'positions' && <option value="positions">Linked position</option>}
          </select>
        )}
      </InlineField>
      {kind === 'offset' && (
        <input
          type="text"
          inputMode="numeric"
          className="mono start-offsets"
          aria-label="Offset, or partition:offset pairs"
          placeholder="120  or  0:120, 1:98"
          value={offsets}
          aria-invalid={Boolean(error)}
          onChange={(e) => setOffsets(e.target.value)}
        />
      )}
      {kind === 'timestamp' && (
        <input
          type="datetime-local"
          step="1"
          aria-label="Date and time (local)"
          value={time}
          onChange={(e) => setTime(e.target.value)}
        />
      )}
      {(kind === 'offset' || kind === 'timestamp') && (
        <button type="submit" className="btn btn-small">
          Go
        </button>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
