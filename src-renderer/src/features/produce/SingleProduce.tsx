import { useId, useReducer, useState, type FormEvent } from 'react';
import type { ProduceContext, ProduceOptions, RecentSend, ValueFormat } from '../../contract.js';
import { CodeEditor } from '../../components/CodeEditor.js';
import { formatSize } from '../../lib/bytes.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { emptyHeaderRows, headerRowsReducer, type HeaderRowsState } from '../../lib/headerRows.js';
import { useProduce } from '../../queries/produce.js';
import { HeaderRowsEditor } from './HeaderRowsEditor.js';
import {
  emptyProduceForm,
  landingHint,
  looksLikeBrokenJson,
  recordBytes,
  sizeProblem,
  validateProduceForm,
  type ProduceFormState,
} from './produceForm.js';

interface Props {
  clusterId: string;
  topic: string;
  partitionCount: number | undefined;
  context: ProduceContext | undefined;
  options: ProduceOptions;
  /** A recent send to fill the form with ("Use again"). */
  reuse: Extract<RecentSend, { kind: 'single' }> | null;
}

function rowsFrom(headers: { key: string; value: string }[]): HeaderRowsState {
  return { rows: headers.map((h, i) => ({ id: i + 1, name: h.key, value: h.value })), nextId: headers.length + 1 };
}

/**
 * One record. Says before sending where a key lands and whether the record is too large; the
 * result of a send is cleared as soon as the form changes, so it never describes another attempt.
 */
export function SingleProduce({ clusterId, topic, partitionCount, context, options, reuse }: Props) {
  const valueHint = useId();
  const [form, setForm] = useState<ProduceFormState>(emptyProduceForm);
  const [touchedFormat, setTouchedFormat] = useState(false);
  const [headers, dispatch] = useReducer(headerRowsReducer, emptyHeaderRows);
  const [submitted, setSubmitted] = useState(false);
  const produce = useProduce(clusterId, topic);
  const { reset } = produce;

  // Until the person picks a format, follow the topic's recent values (JSON topics get JSON checks).
  const format: ValueFormat = touchedFormat ? form.format : (context?.suggestedFormat ?? form.format);

  const [reused, setReused] = useState<typeof reuse>(null);
  if (reuse !== reused) {
    setReused(reuse);
    if (reuse) {
      setForm({ partition: '', key: reuse.key ?? '', value: reuse.value ?? '', format: reuse.valueFormat });
      setTouchedFormat(true);
      dispatch({ type: 'replace', state: rowsFrom(reuse.headers) });
    }
  }

  const { params, errors } = validateProduceForm({ ...form, format }, headers.rows, partitionCount);
  // JSON problems show as you type; the rest once Send was tried.
  const valueError = errors.value && (submitted || form.value !== '') ? errors.value : undefined;
  const serverField = produce.error?.field;
  const brokenJson = format === 'text' ? looksLikeBrokenJson(form.value) : null;
  const size = recordBytes(form.key, form.value, params?.headers ?? []);
  const valueBytes = new TextEncoder().encode(form.value).length;
  const tooBig = sizeProblem(size, valueBytes, context?.maxMessageBytes ?? null, options.compression !== 'none');
  const hint = landingHint(form.partition, form.key, partitionCount);

  // Any edit makes the last result stale: clear it (a send in flight keeps going and reports).
  const edited = () => {
    if (!produce.isPending) reset();
  };
  function update<K extends keyof ProduceFormState>(key: K, v: ProduceFormState[K]) {
    setForm((f) => ({ ...f, [key]: v }));
    edited();
  }
  const editHeaders: typeof dispatch = (a) => {
    dispatch(a);
    edited();
  };

  function send(e?: FormEvent) {
    e?.preventDefault();
    setSubmitted(true);
    if (!params || produce.isPending || tooBig?.level === 'error') return;
    produce.mutate({ ...params, options });
  }

  function formatJson() {
    try {
      update('value', JSON.stringify(JSON.parse(form.value), null, 2));
    } catch {
      /* the inline error already says why */
    }
  }

  const result = produce.isSuccess && !produce.isPending ? produce.data : null;
  return (
    <form className="form produce-form" onSubmit={send} noValidate aria-label="Produce a message">
      <div className="form-row">
        <Field
          label="Partition"
          className="field-narrow"
          error={(submitted && errors.partition) || (serverField === 'partition' ? produce.error?.message : undefined)}
          hint="Empty = automatic"
        >
          {(p) => (
            <input
              {...p}
              type="text"
              inputMode="numeric"
              className="mono"
              placeholder="Automatic"
              value={form.partition}
              onChange={(e) => update('partition', e.target.value)}
            />
          )}
        </Field>
        <Field label="Key" className="field-grow" hint={hint ?? 'Empty = no key'}>
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              value={form.key}
              onChange={(e) => update('key', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="field">
        <div className="value-head">
          <span className="field-label" id={`${valueHint}-label`}>
            Value
          </span>
          <fieldset className="segmented">
            <legend className="visually-hidden">Format</legend>
            {(['text', 'json'] as ValueFormat[]).map((f) => (
              <label key={f} className={format === f ? 'segment active' : 'segment'}>
                <input
                  type="radio"
                  name="value-format"
                  value={f}
                  checked={format === f}
                  onChange={() => {
                    setTouchedFormat(true);
                    update('format', f);
                  }}
                />
                {f === 'text' ? 'Text' : 'JSON'}
              </label>
            ))}
          </fieldset>
          {format === 'json' && (
            <button type="button" className="btn btn-small" onClick={formatJson} disabled={Boolean(errors.value)}>
              Format JSON
            </button>
          )}
          {!touchedFormat && context?.suggestedFormat && (
            <span className="muted small">
              {context.suggestedFormat === 'json'
                ? 'JSON, like this topic’s recent values'
                : 'Text, like this topic’s recent values'}
            </span>
          )}
          <span className="spacer" />
          <span className="muted small mono" title="Size of the value">
            {formatSize(valueBytes)}
          </span>
        </div>
        <CodeEditor
          value={form.value}
          onChange={(v) => update('value', v)}
          json={format === 'json'}
          label="Value"
          describedBy={`${valueHint}-hint`}
          invalid={Boolean(valueError)}
          onSubmit={() => send()}
          placeholder="The value: text or JSON"
        />
        <div
          id={`${valueHint}-hint`}
          className={
            valueError || tooBig?.level === 'error'
              ? 'field-error'
              : brokenJson || tooBig
                ? 'warn-text small'
                : 'field-hint'
          }
        >
          {valueError ??
            (serverField === 'value' ? produce.error?.message : undefined) ??
            tooBig?.text ??
            (brokenJson
              ? `This looks like JSON but does not parse (${brokenJson.replace(/^Value is not valid JSON: /, '')}); it would be sent as text.`
              : 'Ctrl+Enter sends')}
        </div>
      </div>
      <HeaderRowsEditor rows={headers.rows} dispatch={editHeaders} errors={submitted ? errors.headers : new Map()} />

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={produce.isPending}>
          Send
        </button>
        <div role="status" className="produce-result">
          {produce.isPending && <span className="muted">Sending…</span>}
          {result &&
            (result.offset === '-1' ? (
              <span className="ok-text">
                Sent{result.partition >= 0 ? ` to partition ${result.partition}` : ''} (acks=0: the broker does not
                confirm, so no offset)
              </span>
            ) : (
              <span className="ok-text">
                Delivered to partition {result.partition} at offset {result.offset}
              </span>
            ))}
        </div>
      </div>
      <ErrorAlert error={produce.isPending ? null : produce.error} title="Not delivered" />
    </form>
  );
}
