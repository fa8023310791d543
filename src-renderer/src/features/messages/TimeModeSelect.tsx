import type { TimeMode } from '../../lib/time.js';

export function TimeModeSelect({ value, onChange }: { value: TimeMode; onChange: (m: TimeMode) => void }) {
  return (
    <label className="inline-field small">
      <span>Times in</span>
      <select value={value} onChange={(e) => onChange(e.target.value as TimeMode)}>
        <option value="local">Local time</option>
        <option value="utc">UTC</option>
        <option value="epoch">Epoch ms</option>
      </select>
    </label>
  );
}
