import { useId, useMemo, useReducer, useState } from 'react';
import {
  parseTemplate,
  renderTemplate,
  type BulkProduceItem,
  type BulkProduceParams,
  type ProduceOptions,
  type ValueFormat,
} from '../../contract.js';
import { CodeEditor } from '../../components/CodeEditor.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { emptyHeaderRows, headersFromRows, headerRowsReducer } from '../../lib/headerRows.js';
import { useAfterWrite } from '../../queries/produce.js';
import { useSubscription } from '../../queries/subscription.js';
import { HeaderRowsEditor } from './HeaderRowsEditor.js';
import { parsePartition } from './produceForm.js';
import { templateCompletions } from './template-completions.js';

const n = (x: number) => x.toLocaleString('en-US');
const EXAMPLE =
  '{\n  "id": "{{uuid}}",\n  "n": {{seq}},\n  "amount": {{random.int(1, 100)}},\n  "status": "{{pick("NEW", "PAID", "FAILED")}}",\n  "customer": "{{name}}",\n  "email": "{{email}}",\n  "at": "{{now.iso}}"\n}';

function templateError(text: string): string | null {
  const p = parseTemplate(text);
  return p.ok ? null : `${p.message} (at character ${p.at + 1})`;
}

function preview(key: string, value: string, seq: number): { key: string; value: string } | null {
  const k = parseTemplate(key);
  const v = parseTemplate(value);
  if (!k.ok || !v.ok) return null;
  const ctx = { seq, now: Date.now, random: Math.random, uuid: () => crypto.randomUUID() };
  return { key: renderTemplate(k.parts, ctx), value: renderTemplate(v.parts, ctx) };
}

/**
 * N records from templates ({{seq}}, {{uuid}}, {{now}}, {{random.int(1,100)}}, {{pick("a","b")}},
 * {{name}}, {{email}}, …), as fast as the cluster takes them or at a rate; progress and Cancel.
 */
export function BulkProduce({
  clusterId,
  topic,
  partitionCount,
  options,
}: {
  clusterId: string;
  topic: string;
  partitionCount: number | undefined;
  options: ProduceOptions;
}) {
  const id = useId();
  const [count, setCount] = useState('1000');
  const [rate, setRate] = useState('');
  const [partition, setPartition] = useState('');
  const [key, setKey] = useState('order-{{seq}}');
  const [value, setValue] = useState(EXAMPLE);
  const [format, setFormat] = useState<ValueFormat>('json');
  const [headers, dispatch] = useReducer(headerRowsReducer, emptyHeaderRows);
  const [run, setRun] = useState<BulkProduceParams | null>(null);
  const [progress, setProgress] = useState<BulkProduceItem | null>(null);
  const afterWrite = useAfterWrite(clusterId);
  const [sample, setSample] = useState(1);

  const total = Number(count);
  const countError =
    Number.isInteger(total) && total >= 1 && total <= 1_000_000 ? null : 'A whole number from 1 to 1,000,000';
  const perSecond = rate.trim() === '' ? null : Number(rate);
  const rateError =
    perSecond === null || (Number.isInteger(perSecond) && perSecond >= 1 && perSecond <= 1_000_000)
      ? null
      : 'Records per second: a whole number, or empty for as fast as possible';
  const partitionValue = parsePartition(partition, partitionCount);
  const keyError = templateError(key);
  const valueError = templateError(value);
  const rows = headersFromRows(headers.rows);
  const headerErrors = new Map(rows.errors);
  for (const r of headers.rows) {
    const e = r.name ? templateError(r.value) : null;
    if (e) headerErrors.set(r.id, e);
  }
  const shown = useMemo(() => [preview(key, value, sample), preview(key, value, sample + 1)], [key, value, sample]);
  const jsonProblem =
    format === 'json' && shown[0]
      ? (() => {
          try {
            JSON.parse(shown[0]!.value);
            return null;
          } catch (e) {
            return `Record ${sample} would not be valid JSON: ${(e as Error).message}`;
          }
        })()
      : null;
  const invalid = Boolean(
    countError ||
    rateError ||
    typeof partitionValue === 'string' ||
    keyError ||
    valueError ||
    headerErrors.size > 0 ||
    jsonProblem,
  );

  const state = useSubscription(
    'produce.bulk',
    run ?? { clusterId, topic, count: 1 },
    (items) => {
      const last = items[items.length - 1];
      if (last) setProgress(last);
      if (last?.kind === 'done') {
        setRun(null);
        afterWrite(topic);
      }
    },
    { enabled: run !== null },
  );
  const running = run !== null && state.error === null && !state.ended;

  function start() {
    if (invalid) return;
    setProgress(null);
    setRun({
      clusterId,
      topic,
      count: total,
      partition: partitionValue as number | null,
      key: key === '' ? null : key,
      value,
      valueFormat: format,
      headers: rows.headers,
      ratePerSecond: perSecond,
      options,
    });
  }
  function cancel() {
    setRun(null);
    afterWrite(topic);
  }

  const p = progress;
  return (
    <div className="form produce-form">
      <div className="form-row">
        <label className="field field-narrow">
          <span className="field-label">Records</span>
          <input
            type="text"
            inputMode="numeric"
            className="mono"
            value={count}
            aria-invalid={Boolean(countError)}
            onChange={(e) => setCount(e.target.value)}
          />
          {countError && <span className="field-error">{countError}</span>}
        </label>
        <label className="field field-narrow">
          <span className="field-label">Records per second</span>
          <input
            type="text"
            inputMode="numeric"
            className="mono"
            placeholder="As fast as possible"
            value={rate}
            aria-invalid={Boolean(rateError)}
            onChange={(e) => setRate(e.target.value)}
          />
          {rateError && <span className="field-error">{rateError}</span>}
        </label>
        <label className="field field-narrow">
          <span className="field-label">Partition</span>
          <input
            type="text"
            inputMode="numeric"
            className="mono"
            placeholder="Automatic (by key)"
            value={partition}
            onChange={(e) => setPartition(e.target.value)}
          />
          {typeof partitionValue === 'string' && <span className="field-error">{partitionValue}</span>}
        </label>
      </div>
      <label className="field">
        <span className="field-label">Key template</span>
        <input
          type="text"
          className="mono"
          value={key}
          aria-invalid={Boolean(keyError)}
          onChange={(e) => setKey(e.target.value)}
          placeholder="Empty = no key"
        />
        {keyError && <span className="field-error">{keyError}</span>}
      </label>
      <div className="field">
        <div className="value-head">
          <span className="field-label">Value template</span>
          <fieldset className="segmented">
            <legend className="visually-hidden">Value format</legend>
            {(['text', 'json'] as ValueFormat[]).map((f) => (
              <label key={f} className={format === f ? 'segment active' : 'segment'}>
                <input type="radio" name="bulk-format" checked={format === f} onChange={() => setFormat(f)} />
                {f === 'text' ? 'Text' : 'JSON'}
              </label>
            ))}
          </fieldset>
          <span className="muted small">Type {'{{'} for placeholders</span>
        </div>
        <CodeEditor
          value={value}
          onChange={setValue}
          label="Value template"
          describedBy={`${id}-value`}
          invalid={Boolean(valueError)}
          completions={templateCompletions}
          minLines={6}
        />
        <span id={`${id}-value`} className={valueError || jsonProblem ? 'field-error' : 'field-hint'}>
          {valueError ??
            jsonProblem ??
            '{{seq}} {{uuid}} {{now}} {{now.iso}} {{random.int(1,100)}} {{random.float(0,1)}} {{pick("a","b")}} {{name}} {{email}} {{city}} {{country}} {{company}} {{word}} {{sentence}} …'}
        </span>
      </div>
      <HeaderRowsEditor rows={headers.rows} dispatch={dispatch} errors={headerErrors} />
      <div className="bulk-preview">
        <div className="value-head">
          <span className="field-label">Preview</span>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setSample((s) => s + 2)}>
            Another sample
          </button>
        </div>
        {shown.map((r, i) =>
          r ? (
            <pre key={i} className="bulk-sample mono small" aria-label={`Record ${sample + i}`}>
              <span className="muted">#{sample + i} key </span>
              {r.key || <span className="muted">none</span>}
              {'\n'}
              {r.value}
            </pre>
          ) : null,
        )}
      </div>
      <div className="form-actions">
        {running ? (
          <button type="button" className="btn" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={start} disabled={invalid}>
            Send {countError ? '' : n(total)} {total === 1 ? 'record' : 'records'}
          </button>
        )}
        <div role="status" className="produce-result small">
          {running && (
            <>
              <progress max={p?.total ?? total} value={p?.sent ?? 0} aria-label="Sending progress" />{' '}
              {p ? `${n(p.sent)} of ${n(p.total)} · ${n(p.recordsPerSecond)} records/s` : 'Starting…'}
            </>
          )}
          {!running && p?.kind === 'done' && (
            <span className="ok-text">
              Sent {n(p.sent)} records in {(p.elapsedMs / 1000).toFixed(1)} s ({n(p.recordsPerSecond)}/s)
              {p.partitions.length > 0
                ? ` to partitions ${p.partitions.map((x) => `${x.partition} (${n(x.count)})`).join(', ')}`
                : ''}
              .
            </span>
          )}
          {!running && p?.kind === 'progress' && !state.error && (
            <span>
              Cancelled after {n(p.sent)} of {n(p.total)}.
            </span>
          )}
        </div>
      </div>
      <ErrorAlert error={state.error} title="Stopped" />
    </div>
  );
}
