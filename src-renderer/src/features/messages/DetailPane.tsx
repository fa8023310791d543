import { InlineField } from '../../components/InlineField.js';
import { useEffect, useId, useMemo } from 'react';
import type { Bytes, DecodeFormat, KafkaMessage, Position, TopicViewSettings } from '../../contract.js';
import { CopyButton } from '../../components/CopyButton.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ShownView } from '../../components/viewer/ShownView.js';
import { formatSize } from '../../lib/bytes.js';
import { bytesOf, detectKind, show, shownText } from '../../lib/decode.js';
import { saveFile } from '../../lib/download.js';
import { formatIso, formatTimestamp, type TimeMode } from '../../lib/time.js';
import { useMessage } from '../../queries/messages.js';
import { recordJson } from './record-json.js';

interface Props {
  clusterId: string;
  topic: string;
  position: Position;
  /** The row as listed (previews); the whole record is fetched when anything was cut or it is not listed. */
  row: KafkaMessage | undefined;
  formats: TopicViewSettings;
  onFormats: (f: TopicViewSettings) => void;
  timeMode: TimeMode;
  onClose: () => void;
}

const FORMATS: { id: DecodeFormat; label: string }[] = [
  { id: 'auto', label: 'Auto' },
  { id: 'text', label: 'Text' },
  { id: 'json', label: 'JSON' },
  { id: 'hex', label: 'Hex' },
  { id: 'base64', label: 'Base64' },
];

function isCut(m: KafkaMessage): boolean {
  return Boolean(
    m.key?.truncated || m.value?.truncated || m.headers.length >= 64 || m.headers.some((h) => h.value?.truncated),
  );
}

export function DetailPane({ clusterId, topic, position, row, formats, onFormats, timeMode, onClose }: Props) {
  const cut = !row || isCut(row);
  const full = useMessage(clusterId, topic, position.partition, position.offset, cut);
  const m = cut ? (full.data ?? row) : row;
  const loading = cut && full.isPending;

  // Escape closes the pane wherever focus is, except in a field (where Escape belongs to the field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && t.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]') !== null) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  if (!m) {
    return (
      <section className="message-detail" aria-label="Message details">
        <header className="detail-header">
          <h3>
            Partition <span className="mono">{position.partition}</span> · Offset{' '}
            <span className="mono">{position.offset}</span>
          </h3>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-quiet" aria-label="Close details" onClick={onClose}>
            ✕
          </button>
        </header>
        {loading && (
          <p role="status" className="muted small">
            Loading the record…
          </p>
        )}
        <ErrorAlert error={full.error} title="Could not load the record" onRetry={() => void full.refetch()} />
      </section>
    );
  }
  const base = `${topic}-p${m.partition}-o${m.offset}`;
  return (
    <section className="message-detail" aria-label="Message details">
      <header className="detail-header">
        <h3>
          Partition <span className="mono">{m.partition}</span> · Offset <span className="mono">{m.offset}</span>
        </h3>
        <span className="spacer" />
        <CopyButton label="Copy the record as JSON" short="Copy as JSON" text={() => recordJson(topic, m)} />
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      <p className="muted small mono" title={formatIso(m.timestamp)}>
        {formatTimestamp(m.timestamp, timeMode)}
        {timeMode !== 'utc' && <> · {formatIso(m.timestamp)}</>}
      </p>
      {loading && (
        <p role="status" className="muted small">
          Loading the whole record ({formatSize(m.value?.size ?? 0)})…
        </p>
      )}
      <ErrorAlert error={full.error} title="Could not load the whole record" onRetry={() => void full.refetch()} />
      <Part
        what="key"
        bytes={m.key}
        format={formats.keyFormat}
        onFormat={(f) => onFormats({ ...formats, keyFormat: f })}
        fileBase={`${base}-key`}
      />
      <Part
        what="value"
        bytes={m.value}
        format={formats.valueFormat}
        onFormat={(f) => onFormats({ ...formats, valueFormat: f })}
        fileBase={`${base}-value`}
        fill
      />
      <Headers message={m} fileBase={base} />
    </section>
  );
}

function extensionFor(b: Bytes): string {
  const kind = detectKind(bytesOf(b), b.truncated);
  return kind === 'json' ? 'json' : kind === 'binary' ? 'bin' : 'txt';
}

interface PartProps {
  what: 'key' | 'value';
  bytes: Bytes | null;
  format: DecodeFormat;
  onFormat: (f: DecodeFormat) => void;
  fileBase: string;
  fill?: boolean;
}

function Part({ what, bytes, format, onFormat, fileBase, fill }: PartProps) {
  const id = useId();
  const shown = useMemo(() => (bytes ? show(bytes, format, what) : null), [bytes, format, what]);
  const title = what === 'key' ? 'Key' : 'Value';
  return (
    <div className={fill ? 'detail-part detail-part-fill' : 'detail-part'}>
      <div className="detail-part-head">
        <h4 className="detail-heading" id={`${id}-title`}>
          {title}
        </h4>
        {bytes && <span className="muted small">{formatSize(bytes.size)}</span>}
        <span className="spacer" />
        <InlineField label={`Show ${what} as`} className="small">
          {(id) => (
            <select id={id} value={format} onChange={(e) => onFormat(e.target.value as DecodeFormat)}>
              {FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </InlineField>
        {bytes && shown && (
          <>
            <CopyButton label={`Copy the ${what}`} text={() => shownText(shown)} />
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Save the ${what} to a file`}
              title={`Save the ${what} to a file`}
              disabled={bytes.truncated}
              onClick={() => saveFile(`${fileBase}.${extensionFor(bytes)}`, bytesOf(bytes))}
            >
              Save
            </button>
          </>
        )}
      </div>
      {bytes === null || !shown ? (
        <p className="muted small">null</p>
      ) : (
        <>
          {shown.note && <p className="warn-text small">{shown.note}</p>}
          <ShownView shown={shown} label={title} fill={fill} />
        </>
      )}
    </div>
  );
}

function Headers({ message, fileBase }: { message: KafkaMessage; fileBase: string }) {
  const n = message.headers.length;
  return (
    <div className="detail-headers">
      <h4 className="detail-heading">Headers ({n})</h4>
      {n === 0 ? (
        <p className="muted small">No headers.</p>
      ) : (
        <div className="detail-headers-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {message.headers.map((h, i) => {
                const shown = h.value ? show(h.value, 'auto', 'header value') : null;
                const text = shown ? (shown.as === 'json' ? JSON.stringify(shown.value) : shownText(shown)) : null;
                return (
                  <tr key={i}>
                    <td className="mono">{h.key}</td>
                    <td className="mono wrap" title={shown?.note ?? undefined}>
                      {text === null ? <span className="muted">null</span> : text}
                    </td>
                    <td className="detail-header-actions">
                      {text !== null && h.value && (
                        <>
                          <CopyButton label={`Copy header ${h.key}`} text={() => text} />
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Save header ${h.key} to a file`}
                            onClick={() =>
                              saveFile(
                                `${fileBase}-header-${h.key.replace(/[^\w.-]/g, '_')}.${extensionFor(h.value!)}`,
                                bytesOf(h.value!),
                              )
                            }
                          >
                            Save
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
