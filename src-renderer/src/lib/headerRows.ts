/** Form state for the Produce tab's header rows. Rows keep a stable id so React keys don't shift. */
export interface HeaderRow {
  id: number;
  name: string;
  value: string;
}

export interface HeaderRowsState {
  rows: HeaderRow[];
  nextId: number;
}

export type HeaderRowsAction =
  | { type: 'add' }
  | { type: 'remove'; id: number }
  | { type: 'change'; id: number; field: 'name' | 'value'; text: string }
  /** Fill the rows from elsewhere (a recent send used again). */
  | { type: 'replace'; state: HeaderRowsState };

export const emptyHeaderRows: HeaderRowsState = { rows: [], nextId: 1 };

export function headerRowsReducer(state: HeaderRowsState, action: HeaderRowsAction): HeaderRowsState {
  switch (action.type) {
    case 'add':
      return { rows: [...state.rows, { id: state.nextId, name: '', value: '' }], nextId: state.nextId + 1 };
    case 'remove':
      return { ...state, rows: state.rows.filter((r) => r.id !== action.id) };
    case 'replace':
      return action.state;
    case 'change':
      return {
        ...state,
        rows: state.rows.map((r) => (r.id === action.id ? { ...r, [action.field]: action.text } : r)),
      };
  }
}

interface HeadersResult {
  headers: { key: string; value: string }[];
  /** Row id → message, for rows that can't be sent. */
  errors: Map<number, string>;
}

/** Rows left completely empty are ignored; a value without a name is an error. */
export function headersFromRows(rows: readonly HeaderRow[]): HeadersResult {
  const headers: { key: string; value: string }[] = [];
  const errors = new Map<number, string>();
  for (const row of rows) {
    if (row.name === '' && row.value === '') continue;
    if (row.name.trim() === '') {
      errors.set(row.id, 'Header name is required');
      continue;
    }
    headers.push({ key: row.name, value: row.value });
  }
  return { headers, errors };
}
