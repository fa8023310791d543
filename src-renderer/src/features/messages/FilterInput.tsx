import { useId, useMemo, useState } from 'react';
import { parseFilter } from '../../contract.js';

const EXAMPLES = [
  ['$.status == "FAILED" and $.amount > 100', 'JSON fields of the value'],
  ['key startsWith "order-" or header("trace-id") exists', 'keys and headers'],
  ['value matches /timeout|refused/i', 'a regular expression'],
  ['"ORD-1234"', 'key, value or a header contains the text'],
  ['timestamp >= "2024-05-01T00:00:00Z" and partition in (0, 1)', 'time and partitions'],
  ['$.items[*].sku == "A-1" and size > 1000', 'any array item; value size in bytes'],
] as const;

/**
 * The filter box: checked as it is typed with the same parser the server uses, the problem named
 * with where it is. Operators: == != > >= < <= contains startsWith endsWith matches in exists;
 * and / or / not with brackets.
 */
export function FilterInput({
  value,
  onChange,
  onSubmit,
}: {
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
}) {
  const id = useId();
  const [help, setHelp] = useState(false);
  const parsed = useMemo(() => parseFilter(value), [value]);
  const error = parsed.ok ? null : parsed;
  return (
    <div className="filter-input">
      <div className="filter-row">
        <label htmlFor={id} className="field-label">
          Filter
        </label>
        <input
          id={id}
          type="text"
          className="mono filter-text"
          spellCheck={false}
          placeholder='$.status == "FAILED" and key startsWith "order-"   (empty: every record)'
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (!error) onSubmit();
            }
          }}
        />
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-expanded={help}
          onClick={() => setHelp((h) => !h)}
        >
          Syntax
        </button>
      </div>
      {error && (
        <div id={`${id}-error`} className="field-error mono">
          {error.message} (at character {error.at + 1})
        </div>
      )}
      {help && (
        <div className="filter-help small">
          <p>
            Fields: <code>key</code>, <code>value</code>, <code>header("name")</code>, <code>$.path</code> (JSON value),{' '}
            <code>$key.path</code> (JSON key), <code>partition</code>, <code>offset</code>, <code>timestamp</code>,{' '}
            <code>size</code>. Compare with <code>== != &gt; &gt;= &lt; &lt;=</code>, <code>contains</code>,{' '}
            <code>startsWith</code>, <code>endsWith</code>, <code>matches /regex/i</code>, <code>in (…)</code>,{' '}
            <code>exists</code>; combine with <code>and</code>, <code>or</code>, <code>not</code> and brackets. Text
            goes in quotes.
          </p>
          <ul>
            {EXAMPLES.map(([ex, what]) => (
              <li key={ex}>
                <button type="button" className="btn btn-small btn-quiet mono" onClick={() => onChange(ex)}>
                  {ex}
                </button>{' '}
                <span className="muted">{what}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
