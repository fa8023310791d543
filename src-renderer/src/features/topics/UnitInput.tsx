import { useState } from 'react';
import { DURATION_UNITS, joinAmount, SIZE_UNITS, splitDuration, splitSize } from './units.js';

interface Props {
  /** Kafka's value (ms or bytes) as a decimal string; '' means "not set". */
  value: string;
  onChange: (value: string) => void;
  kind: 'duration' | 'size';
  id: string;
  label: string;
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * An amount and a unit for a ms or bytes config: people type "7" and pick days, Kafka gets
 * 604800000. -1 (Kafka's "no limit") passes through whatever the unit.
 */
export function UnitInput({ value, onChange, kind, id, label, placeholder, ...aria }: Props) {
  const units = kind === 'duration' ? DURATION_UNITS : SIZE_UNITS;
  const [unit, setUnit] = useState<string>(() => {
    if (!/^\d+$/.test(value)) return kind === 'duration' ? 'h' : 'MiB';
    return (kind === 'duration' ? splitDuration(Number(value)) : splitSize(Number(value))).unit;
  });
  const factor = (u: string) => {
    const found = units.find((x) => x.id === u)!;
    return 'ms' in found ? found.ms : found.bytes;
  };
  const [amount, setAmount] = useState(() => {
    if (!/^\d+$/.test(value)) return value;
    return String(Number(value) / factor(unit));
  });

  const emit = (a: string, u: string) => {
    if (a.trim() === '') onChange('');
    else onChange(joinAmount(a, factor(u)) ?? a);
  };
  return (
    <div className="unit-input">
      <input
        id={id}
        className="mono"
        inputMode="numeric"
        value={amount}
        placeholder={placeholder}
        onChange={(e) => {
          setAmount(e.target.value);
          emit(e.target.value, unit);
        }}
        {...aria}
      />
      <select
        aria-label={`${label} unit`}
        value={unit}
        onChange={(e) => {
          setUnit(e.target.value);
          emit(amount, e.target.value);
        }}
      >
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.label}
          </option>
        ))}
      </select>
    </div>
  );
}
