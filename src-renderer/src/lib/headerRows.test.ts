import { describe, expect, it } from 'vitest';
import { emptyHeaderRows, headerRowsReducer, headersFromRows, type HeaderRowsState } from './headerRows.js';

function run(...actions: Parameters<typeof headerRowsReducer>[1][]): HeaderRowsState {
  return actions.reduce(headerRowsReducer, emptyHeaderRows);
}

describe('header rows', () => {
  it('adds rows with stable, unique ids', () => {
    const s = run({ type: 'add' }, { type: 'add' }, { type: 'remove', id: 1 }, { type: 'add' });
    expect(s.rows.map((r) => r.id)).toEqual([2, 3]);
  });

  it('edits one field of one row', () => {
    const s = run({ type: 'add' }, { type: 'add' }, { type: 'change', id: 2, field: 'name', text: 'trace-id' });
    expect(s.rows).toEqual([
      { id: 1, name: '', value: '' },
      { id: 2, name: 'trace-id', value: '' },
    ]);
  });

  it('converts rows to headers, skipping empty rows', () => {
    const s = run(
      { type: 'add' },
      { type: 'change', id: 1, field: 'name', text: 'a' },
      { type: 'change', id: 1, field: 'value', text: '1' },
      { type: 'add' },
      { type: 'add' },
      { type: 'change', id: 3, field: 'name', text: 'empty-value' },
    );
    expect(headersFromRows(s.rows)).toEqual({
      headers: [
        { key: 'a', value: '1' },
        { key: 'empty-value', value: '' },
      ],
      errors: new Map(),
    });
  });

  it('flags a value without a name', () => {
    const s = run({ type: 'add' }, { type: 'change', id: 1, field: 'value', text: 'orphan' });
    const r = headersFromRows(s.rows);
    expect(r.headers).toEqual([]);
    expect(r.errors.get(1)).toBe('Header name is required');
  });

  it('keeps duplicate header names (Kafka allows them)', () => {
    const s = run(
      { type: 'add' },
      { type: 'change', id: 1, field: 'name', text: 'x' },
      { type: 'add' },
      { type: 'change', id: 2, field: 'name', text: 'x' },
    );
    expect(headersFromRows(s.rows).headers).toHaveLength(2);
  });
});
