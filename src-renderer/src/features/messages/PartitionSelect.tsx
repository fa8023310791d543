import { InlineField } from '../../components/InlineField.js';
/** All partitions or one; a link may carry several, which shows as a custom choice. */
export function PartitionSelect({
  value,
  count,
  onChange,
}: {
  value: number[] | null;
  count: number | undefined;
  onChange: (p: number[] | null) => void;
}) {
  const current = value === null ? '' : value.join(',');
  return (
    <InlineField label="Partition">
      {(id) => (
        <select
          id={id}
          value={current}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value.split(',').map(Number))}
        >
          <option value="">All</option>
          {value !== null && value.length > 1 && <option value={current}>{value.join(', ')}</option>}
          {Array.from({ length: count ?? 0 }, (_, p) => (
            <option key={p} value={String(p)}>
              {p}
            </option>
          ))}
        </select>
      )}
    </InlineField>
  );
}
