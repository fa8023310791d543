import { useState } from 'react';
import type { AppError, ExportFormat, ExportItem, ExportParams } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { storedToken } from '../../bridge/token.js';
import { formatSize } from '../../lib/bytes.js';
import { startDownload } from '../../lib/download.js';
import { useSubscription } from '../../queries/subscription.js';

export interface ExportChoice {
  id: string;
  label: string;
  source: ExportParams['source'];
}

type Outcome = Extract<ExportItem, { kind: 'done' }> | { kind: 'not-saved' };

/**
 * Export to JSONL or CSV. The server reads the records again and streams them to the file (a save
 * dialog in the desktop app, a download in browser mode), so a million records cost no more memory
 * than ten; progress comes back as it goes.
 */
export function ExportDialog({
  clusterId,
  topic,
  choices,
  onClose,
}: {
  clusterId: string;
  topic: string;
  choices: ExportChoice[];
  onClose: () => void;
}) {
  const [choice, setChoice] = useState(choices[0]?.id ?? '');
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [run, setRun] = useState<ExportParams | null>(null);
  const [progress, setProgress] = useState<Extract<ExportItem, { kind: 'progress' }> | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  const state = useSubscription(
    'messages.export',
    run ?? { clusterId, topic, format, source: { kind: 'records', records: [{ partition: 0, offset: '0' }] } },
    (items) => {
      for (const item of items) {
        if (item.kind === 'download') {
          const token = storedToken();
          startDownload(`${item.path}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
        } else if (item.kind === 'progress') setProgress(item);
        else {
          setOutcome(item);
          setRun(null);
        }
      }
    },
    { enabled: run !== null },
  );
  const running = run !== null && state.error === null;
  const error = failure ?? state.error;

  function start() {
    const c = choices.find((x) => x.id === choice);
    if (!c) return;
    setProgress(null);
    setOutcome(null);
    setFailure(null);
    setRun({ clusterId, topic, format, source: c.source });
  }

  function cancel() {
    setFailure(null);
    setRun(null);
  }

  return (
    <Dialog title="Export messages" onClose={onClose}>
      <div className="form">
        <fieldset className="fieldset" disabled={running}>
          <legend className="field-label">What</legend>
          {choices.map((c) => (
            <label key={c.id} className="checkbox">
              <input
                type="radio"
                name="export-what"
                value={c.id}
                checked={choice === c.id}
                onChange={() => setChoice(c.id)}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset" disabled={running}>
          <legend className="field-label">Format</legend>
          <label className="checkbox">
            <input type="radio" name="export-format" checked={format === 'jsonl'} onChange={() => setFormat('jsonl')} />
            JSON Lines (one record per line; Samsa can import it back)
          </label>
          <label className="checkbox">
            <input type="radio" name="export-format" checked={format === 'csv'} onChange={() => setFormat('csv')} />
            CSV (for spreadsheets)
          </label>
        </fieldset>
        <div role="status" className="small export-status">
          {running && (
            <>
              <progress max={100} value={progress?.percent ?? undefined} aria-label="Export progress" />{' '}
              {progress
                ? `${progress.records.toLocaleString('en-US')} records, ${formatSize(progress.bytes)} written`
                : 'Starting…'}
            </>
          )}
          {outcome?.kind === 'done' &&
            `Exported ${outcome.records.toLocaleString('en-US')} ${outcome.records === 1 ? 'record' : 'records'} (${formatSize(outcome.bytes)})${outcome.savedTo ? ` to ${outcome.savedTo}` : ''}.`}
          {outcome?.kind === 'not-saved' && 'Not exported: no file was chosen.'}
        </div>
        <ErrorAlert error={error?.code === 'CANCELLED' ? null : error} title="The export stopped" />
        <div className="dialog-actions">
          {running ? (
            <button type="button" className="btn" onClick={cancel}>
              Cancel export
            </button>
          ) : (
            <button type="button" className="btn btn-primary" onClick={start} disabled={choices.length === 0}>
              Export
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {running ? 'Close (stops the export)' : 'Close'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
