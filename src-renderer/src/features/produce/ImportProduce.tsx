import { useRef, useState } from 'react';
import { AppError, type ProduceOptions, type ProduceRecord } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatSize } from '../../lib/bytes.js';
import { useProduceBatch } from '../../queries/produce.js';
import { fileLines, ImportLineError, parseImportLine, recordSize } from './jsonl-import.js';

const SLICE_RECORDS = 1000;
const SLICE_BYTES = 4 * 1024 * 1024;
const n = (x: number) => x.toLocaleString('en-US');

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking'; lines: number }
  | { kind: 'sending'; sent: number; total: number }
  | { kind: 'done'; sent: number; elapsedMs: number };

/**
 * Imports a JSONL file: every line is checked first (nothing is sent when one is wrong, and the
 * line is named), then records go out in slices with progress; Cancel stops between slices.
 */
export function ImportProduce({
  clusterId,
  topic,
  options,
}: {
  clusterId: string;
  topic: string;
  options: ProduceOptions;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<Error | null>(null);
  const abort = useRef<AbortController | null>(null);
  const sendBatch = useProduceBatch(clusterId, topic);
  const busy = phase.kind === 'checking' || phase.kind === 'sending';

  async function start() {
    if (!file) return;
    setError(null);
    const ctl = new AbortController();
    abort.current = ctl;
    try {
      // Pass 1: check every line, count them.
      let total = 0;
      let line = 0;
      for await (const raw of fileLines(file)) {
        line++;
        if (parseImportLine(raw, line)) total++;
        if (line % 5000 === 0) setPhase({ kind: 'checking', lines: line });
        if (ctl.signal.aborted) return setPhase({ kind: 'idle' });
      }
      if (total === 0) throw new Error('The file has no records (one JSON object per line).');
      // Pass 2: send in slices.
      const started = performance.now();
      let sent = 0;
      let slice: ProduceRecord[] = [];
      let sliceLines: number[] = [];
      let bytes = 0;
      const flush = async () => {
        if (slice.length === 0) return;
        try {
          await sendBatch({ records: slice, options, source: sent === 0 ? file.name : null }, ctl.signal);
        } catch (e) {
          const field = e instanceof AppError ? /^records\.(\d+)/.exec(e.field ?? '') : null;
          if (field)
            throw new ImportLineError(sliceLines[Number(field[1])]!, (e as Error).message.replace(/^Record \d+: /, ''));
          throw e;
        }
        sent += slice.length;
        setPhase({ kind: 'sending', sent, total });
        slice = [];
        sliceLines = [];
        bytes = 0;
      };
      setPhase({ kind: 'sending', sent: 0, total });
      line = 0;
      for await (const raw of fileLines(file)) {
        line++;
        const r = parseImportLine(raw, line);
        if (!r) continue;
        const size = recordSize(r);
        if (slice.length >= SLICE_RECORDS || bytes + size > SLICE_BYTES) await flush();
        slice.push(r);
        sliceLines.push(line);
        bytes += size;
      }
      await flush();
      setPhase({ kind: 'done', sent, elapsedMs: performance.now() - started });
    } catch (e) {
      if (ctl.signal.aborted) return;
      setError(e as Error);
      setPhase({ kind: 'idle' });
    } finally {
      abort.current = null;
    }
  }

  function cancel() {
    abort.current?.abort();
    setPhase((p) => (p.kind === 'sending' ? { kind: 'done', sent: p.sent, elapsedMs: 0 } : { kind: 'idle' }));
  }

  return (
    <div className="form produce-form">
      <label className="field">
        <span className="field-label">File (JSON Lines)</span>
        <input
          type="file"
          accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: 'idle' });
            setError(null);
          }}
        />
        <span className="field-hint">
          One JSON object per line:{' '}
          {'{"key": "k", "value": {…} or "text", "headers": {"name": "value"}, "partition": 0, "timestamp": …}'}. Files
          exported by Samsa import as they are.
        </span>
      </label>
      <div className="form-actions">
        {busy ? (
          <button type="button" className="btn" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="btn btn-primary" disabled={!file} onClick={() => void start()}>
            Import {file ? `${file.name} (${formatSize(file.size)})` : ''}
          </button>
        )}
        <div role="status" className="produce-result small">
          {phase.kind === 'checking' && `Checking… ${n(phase.lines)} lines`}
          {phase.kind === 'sending' && (
            <>
              <progress max={phase.total} value={phase.sent} aria-label="Import progress" /> {n(phase.sent)} of{' '}
              {n(phase.total)} records sent
            </>
          )}
          {phase.kind === 'done' &&
            (phase.elapsedMs > 0 ? (
              <span className="ok-text">
                Imported {n(phase.sent)} {phase.sent === 1 ? 'record' : 'records'} in{' '}
                {(phase.elapsedMs / 1000).toFixed(1)} s.
              </span>
            ) : (
              <span>Cancelled after {n(phase.sent)} records.</span>
            ))}
        </div>
      </div>
      <ErrorAlert error={error} title="Not imported" />
    </div>
  );
}
