import { useId } from 'react';
import { Field } from '../../components/Field.js';
import { CONFIG_HELP, humanValue } from './configHelp.js';
import type { CommonSetting, CreateTopicForm, ExtraConfig } from './createTopicForm.js';
import { UnitInput } from './UnitInput.js';

interface Props {
  form: CreateTopicForm;
  errorOf: (key: string) => string | undefined;
  replicationFactor: number | null;
  onSetting: (key: CommonSetting, value: string) => void;
  onExtra: (extra: ExtraConfig[]) => void;
}

const POLICIES = [
  { value: '', label: 'Cluster default' },
  { value: 'delete', label: 'delete: drop old records' },
  { value: 'compact', label: 'compact: keep the latest per key' },
  { value: 'compact,delete', label: 'compact,delete: both' },
];
const CODECS = ['', 'producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'];

/** The settings people change when creating a topic, each with what it means; then any other config. */
export function TopicSettingsFields({ form, errorOf, replicationFactor, onSetting, onExtra }: Props) {
  const s = form.settings;
  const hint = (key: CommonSetting, extra?: string | null, sentence = false) => (
    <>
      {CONFIG_HELP[key]}
      {extra ? <strong className="human-value">{sentence ? ` ${extra}.` : ` = ${extra}`}</strong> : null}
    </>
  );
  const err = (key: CommonSetting) => errorOf(`setting:${key}`);
  return (
    <>
      <fieldset className="fieldset settings-grid">
        <legend>Settings (empty: the cluster&apos;s default)</legend>
        <Field label="cleanup.policy" error={err('cleanup.policy')} hint={hint('cleanup.policy')}>
          {(c) => (
            <select {...c} value={s['cleanup.policy']} onChange={(e) => onSetting('cleanup.policy', e.target.value)}>
              {POLICIES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="retention.ms"
          error={err('retention.ms')}
          hint={hint('retention.ms', humanValue('retention.ms', s['retention.ms']))}
        >
          {(c) => (
            <UnitInput
              {...c}
              kind="duration"
              label="retention.ms"
              placeholder="default"
              value={s['retention.ms']}
              onChange={(v) => onSetting('retention.ms', v)}
            />
          )}
        </Field>
        <Field
          label="retention.bytes"
          error={err('retention.bytes')}
          hint={hint('retention.bytes', humanValue('retention.bytes', s['retention.bytes']))}
        >
          {(c) => (
            <UnitInput
              {...c}
              kind="size"
              label="retention.bytes"
              placeholder="default"
              value={s['retention.bytes']}
              onChange={(v) => onSetting('retention.bytes', v)}
            />
          )}
        </Field>
        <Field
          label="min.insync.replicas"
          error={err('min.insync.replicas')}
          hint={hint('min.insync.replicas', minIsrMeaning(s['min.insync.replicas'], replicationFactor), true)}
        >
          {(c) => (
            <input
              {...c}
              className="mono"
              inputMode="numeric"
              placeholder="default"
              value={s['min.insync.replicas']}
              onChange={(e) => onSetting('min.insync.replicas', e.target.value)}
            />
          )}
        </Field>
        <Field label="compression.type" error={err('compression.type')} hint={hint('compression.type')}>
          {(c) => (
            <select
              {...c}
              value={s['compression.type']}
              onChange={(e) => onSetting('compression.type', e.target.value)}
            >
              {CODECS.map((v) => (
                <option key={v} value={v}>
                  {v === '' ? 'Cluster default' : v}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="segment.bytes"
          error={err('segment.bytes')}
          hint={hint('segment.bytes', humanValue('segment.bytes', s['segment.bytes']))}
        >
          {(c) => (
            <UnitInput
              {...c}
              kind="size"
              label="segment.bytes"
              placeholder="default"
              value={s['segment.bytes']}
              onChange={(v) => onSetting('segment.bytes', v)}
            />
          )}
        </Field>
        <Field
          label="max.message.bytes"
          error={err('max.message.bytes')}
          hint={hint('max.message.bytes', humanValue('max.message.bytes', s['max.message.bytes']))}
        >
          {(c) => (
            <UnitInput
              {...c}
              kind="size"
              label="max.message.bytes"
              placeholder="default"
              value={s['max.message.bytes']}
              onChange={(v) => onSetting('max.message.bytes', v)}
            />
          )}
        </Field>
      </fieldset>
      <ExtraConfigs extra={form.extra} errorOf={errorOf} onChange={onExtra} />
    </>
  );
}

/** What min.insync.replicas means with this replication factor, in one sentence. */
function minIsrMeaning(value: string, rf: number | null): string | null {
  const min = Number(value);
  if (!/^\d+$/.test(value) || min < 1 || rf === null || min > rf) return null;
  const spare = rf - min;
  const replicas = `${rf} replica${rf === 1 ? '' : 's'}`;
  return spare === 0
    ? `With ${replicas}, one replica's broker down stops acks=all writes`
    : `With ${replicas}, acks=all writes go on with up to ${spare} of their brokers down`;
}

let nextId = 1;

function ExtraConfigs({
  extra,
  errorOf,
  onChange,
}: {
  extra: ExtraConfig[];
  errorOf: (key: string) => string | undefined;
  onChange: (e: ExtraConfig[]) => void;
}) {
  const listId = useId();
  const update = (id: number, patch: Partial<ExtraConfig>) =>
    onChange(extra.map((e) => (e.id === id ? { ...e, ...patch } : e)));
  return (
    <fieldset className="fieldset">
      <legend>Other configs</legend>
      <p className="field-hint">
        Any topic config by its Kafka name; the broker checks names and values before creating.
      </p>
      <datalist id={listId}>
        {Object.keys(CONFIG_HELP)
          .filter(
            (n) =>
              !n.startsWith('log.') &&
              !n.includes('.enable') &&
              !['num.partitions', 'default.replication.factor', 'message.max.bytes'].includes(n),
          )
          .map((n) => (
            <option key={n} value={n} />
          ))}
      </datalist>
      {extra.map((e, i) => (
        <div key={e.id} className="extra-config-row">
          <Field label={`Config ${i + 1} name`} error={errorOf(`extra:${e.id}:name`)}>
            {(c) => (
              <input
                {...c}
                className="mono"
                list={listId}
                value={e.name}
                placeholder="e.g. message.timestamp.type"
                onChange={(ev) => update(e.id, { name: ev.target.value })}
              />
            )}
          </Field>
          <Field label={`Config ${i + 1} value`} error={errorOf(`extra:${e.id}:value`)}>
            {(c) => (
              <input
                {...c}
                className="mono"
                value={e.value}
                onChange={(ev) => update(e.id, { value: ev.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="btn btn-small btn-quiet remove-config"
            aria-label={`Remove config ${i + 1}`}
            onClick={() => onChange(extra.filter((x) => x.id !== e.id))}
          >
            Remove
          </button>
        </div>
      ))}
      {errorOf('extra') && <div className="field-error">{errorOf('extra')}</div>}
      <div>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onChange([...extra, { id: nextId++, name: '', value: '' }])}
        >
          Add config
        </button>
      </div>
    </fieldset>
  );
}
