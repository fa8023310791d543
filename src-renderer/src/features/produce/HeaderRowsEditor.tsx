import type { Dispatch } from 'react';
import type { HeaderRow, HeaderRowsAction } from '../../lib/headerRows.js';

interface Props {
  rows: HeaderRow[];
  dispatch: Dispatch<HeaderRowsAction>;
  errors: Map<number, string>;
}

export function HeaderRowsEditor({ rows, dispatch, errors }: Props) {
  return (
    <fieldset className="fieldset">
      <legend className="field-label">Headers</legend>
      {rows.length > 0 && (
        <div className="header-row header-row-head" aria-hidden="true">
          <span>Name</span>
          <span>Value</span>
        </div>
      )}
      {rows.map((row, i) => {
        const error = errors.get(row.id);
        const errorId = `header-${row.id}-error`;
        return (
          <div key={row.id} className="header-row-wrap">
            <div className="header-row">
              <input
                type="text"
                className="mono"
                aria-label="Header name"
                aria-invalid={Boolean(error)}
                aria-describedby={error ? errorId : undefined}
                value={row.name}
                onChange={(e) => dispatch({ type: 'change', id: row.id, field: 'name', text: e.target.value })}
              />
              <input
                type="text"
                className="mono"
                aria-label="Header value"
                value={row.value}
                onChange={(e) => dispatch({ type: 'change', id: row.id, field: 'value', text: e.target.value })}
              />
              <button
                type="button"
                className="btn btn-small btn-quiet"
                aria-label={`Remove header ${i + 1}`}
                onClick={() => dispatch({ type: 'remove', id: row.id })}
              >
                ✕
              </button>
            </div>
            {error && (
              <div id={errorId} className="field-error">
                {error}
              </div>
            )}
          </div>
        );
      })}
      <button type="button" className="btn btn-small" onClick={() => dispatch({ type: 'add' })}>
        Add header
      </button>
    </fieldset>
  );
}
