import { InlineField } from '../../components/InlineField.js';
import type { TimeMode } from '../../lib/time.js';

export function TimeModeSelect({ value, onChange }: { value: TimeMode; onChange: (m: TimeMode) => void }) {
  return (
    <InlineField label="Times in" className="small">
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value as TimeMode)}>
          <option value="local">Local time</option>
          <option value="utc">UTC</option>
          <option value="epoch">Epoch ms</option>
        </select>
      )}
    </InlineField>
  );
}
