import { useId, useMemo, useState } from 'react';
import type { Bytes } from '../../contract.js';
import { decodeBytes, defaultDecoding, formatSize, type DecodeAs } from '../../lib/bytes.js';

/** Shows a key or value with a Text / JSON / Hex choice; starts with whatever suits the bytes. */
export function BytesViewer({ label, value }: { label: 'key' | 'value'; value: Bytes | null }) {
  const id = useId();
  const [as, setAs] = useState<DecodeAs>(() => (value ? defaultDecoding(value) : 'text'));
  const decoded = useMemo(() => (value ? decodeBytes(value, as) : null), [value, as]);
  const title = label === 'key' ? 'Key' : 'Value';

  return (
    <div className="bytes-viewer">
      <div className="bytes-viewer-head">
        <h4 className="detail-heading" id={`${id}-title`}>
          {title}
        </h4>
        {value && <span className="muted small">{formatSize(value.size)}</span>}
        <span className="spacer" />
        {value && (
          <label className="inline-field small">
            <span>Decode {label} as</span>
            <select value={as} onChange={(e) => setAs(e.target.value as DecodeAs)}>
              <option value="text">Text</option>
              <option value="json">JSON</option>
              <option value="hex">Hex</option>
            </select>
          </label>
        )}
      </div>
      {value === null ? (
        <p className="muted small">null</p>
      ) : (
        <>
          {value.truncated && (
            <p className="warn-text small">
              Truncated: showing the first {formatSize(base64Length(value.base64))} of {formatSize(value.size)}.
            </p>
          )}
          {decoded?.problem && <p className="warn-text small">{decoded.problem}</p>}
          <pre
            className={as === 'hex' || decoded?.problem?.includes('hex') ? 'bytes-pre bytes-pre-hex' : 'bytes-pre'}
            aria-labelledby={`${id}-title`}
            tabIndex={0}
          >
            {decoded?.text}
          </pre>
        </>
      )}
    </div>
  );
}

function base64Length(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length * 3) / 4 - pad;
}
