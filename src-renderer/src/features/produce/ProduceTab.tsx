import { useReducer, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ValueFormat } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { emptyHeaderRows, headerRowsReducer } from '../../lib/headerRows.js';
import { useProduce } from '../../queries/produce.js';
import { HeaderRowsEditor } from './HeaderRowsEditor.js';
import { emptyProduceForm, validateProduceForm, type ProduceFormState } from './produceForm.js';

interface Props {
  clusterId: string;
  topic: string;
  partitionCount: number | undefined;
}

/** Send one record. The form keeps its content after sending or failing, so retrying or resending is one key. */
export function ProduceTab({ clusterId, topic, partitionCount }: Props) {
  const [form, setForm] = useState<ProduceFormState>(emptyProduceForm);
  const [headers, dispatch] = useReducer(headerRowsReducer, emptyHeaderRows);
  const [submitted, setSubmitted] = useState(false);
  const produce = useProduce(clusterId, topic);

  const { params, errors } = validateProduceForm(form, headers.rows, partitionCount);
  // JSON problems show as you type; the rest once Send was tried.
  const valueError = errors.value && (submitted || form.value !== '') ? errors.value : undefined;
  const serverField = produce.error?.field;

  function update<K extends keyof ProduceFormState>(key: K, v: ProduceFormState[K]) {
    setForm((f) => ({ ...f, [key]: v }));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!params || produce.isPending) return;
    produce.mutate(params);
  }

  function onValueKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.form?.requestSubmit();
    }
  }

  function formatJson() {
    try {
      update('value', JSON.stringify(JSON.parse(form.value), null, 2));
    } catch {
      /* the inline error already says why */
    }
  }

  return (
    <form className="form produce-form" onSubmit={onSubmit} noValidate aria-label="Produce a message">
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
        <Field label="Key" className="field-grow" hint="Empty = no key">
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
      <Field
        label="Value"
        error={valueError ?? (serverField === 'value' ? produce.error?.message : undefined)}
        hint={<>Ctrl+Enter sends</>}
      >
        {(p) => (
          <textarea
            {...p}
            className="mono value-editor"
            rows={8}
            spellCheck={false}
            value={form.value}
            onChange={(e) => update('value', e.target.value)}
            onKeyDown={onValueKeyDown}
          />
        )}
      </Field>
      <div className="format-row">
        <fieldset className="segmented">
          <legend className="visually-hidden">Format</legend>
          {(['text', 'json'] as ValueFormat[]).map((f) => (
            <label key={f} className={form.format === f ? 'segment active' : 'segment'}>
              <input
                type="radio"
                name="value-format"
                value={f}
                checked={form.format === f}
                onChange={() => update('format', f)}
              />
              {f === 'text' ? 'Text' : 'JSON'}
            </label>
          ))}
        </fieldset>
        {form.format === 'json' && (
          <button type="button" className="btn btn-small" onClick={formatJson} disabled={Boolean(errors.value)}>
            Format JSON
          </button>
        )}
      </div>
      <HeaderRowsEditor rows={headers.rows} dispatch={dispatch} errors={submitted ? errors.headers : new Map()} />

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={produce.isPending}>
          Send
        </button>
        <div role="status" className="produce-result">
          {produce.isPending && <span className="muted">Sending…</span>}
          {produce.isSuccess && !produce.isPending && (
            <span className="ok-text">
              Delivered to partition {produce.data.partition} at offset {produce.data.offset}
            </span>
          )}
        </div>
      </div>
      <ErrorAlert error={produce.isPending ? null : produce.error} title="Not delivered" />
    </form>
  );
}
