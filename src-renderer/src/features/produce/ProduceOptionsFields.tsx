import { InlineField } from '../../components/InlineField.js';
import type { ProduceOptions } from '../../contract.js';

/** acks, compression and idempotence, as Kafka names them. */
export function ProduceOptionsFields({
  value,
  onChange,
}: {
  value: ProduceOptions;
  onChange: (o: ProduceOptions) => void;
}) {
  return (
    <fieldset className="produce-options">
      <legend className="visually-hidden">Producer settings</legend>
      <InlineField label="acks" className="small">
        {(id) => (
          <select
            id={id}
            value={value.acks}
            onChange={(e) => {
              const acks = e.target.value as ProduceOptions['acks'];
              onChange({ ...value, acks, idempotent: acks === 'all' ? value.idempotent : false });
            }}
          >
            <option value="all">all</option>
            <option value="1">1</option>
            <option value="0">0 (no answer)</option>
          </select>
        )}
      </InlineField>
      <InlineField label="compression" className="small">
        {(id) => (
          <select
            id={id}
            value={value.compression}
            onChange={(e) => onChange({ ...value, compression: e.target.value as ProduceOptions['compression'] })}
          >
            {(['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </InlineField>
      <label className="checkbox small" title={value.acks !== 'all' ? 'Idempotence needs acks=all' : undefined}>
        <input
          type="checkbox"
          checked={value.idempotent}
          disabled={value.acks !== 'all'}
          onChange={(e) => onChange({ ...value, idempotent: e.target.checked })}
        />
        enable.idempotence
      </label>
    </fieldset>
  );
}
