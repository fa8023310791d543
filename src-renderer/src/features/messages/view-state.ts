/**
 * What the messages tab shows, kept in the address (`#/…/messages?from=…`), so a position, a search
 * or an open record can be copied as a link and survives a reload. Anything unreadable falls back
 * to the default instead of failing.
 */
import type { End, Position, Start } from '../../contract.js';

export type Mode = 'browse' | 'live' | 'search';

export interface ViewState {
  mode: Mode;
  /** null: all partitions. */
  partitions: number[] | null;
  from: Start;
  limit: number;
  filter: string;
  scanFrom: Start;
  scanTo: End;
  maxResults: number;
  /** The record open in the detail pane. */
  record: Position | null;
}

export const PAGE_SIZES = [20, 50, 100, 200, 500, 1000];
export const DEFAULT_VIEW_STATE: ViewState = {
  mode: 'browse',
  partitions: null,
  from: { kind: 'newest' },
  limit: 50,
  filter: '',
  scanFrom: { kind: 'oldest' },
  scanTo: { kind: 'end' },
  maxResults: 500,
  record: null,
};

const OFFSET = /^\d{1,19}$/;

function positionsText(ps: Position[]): string {
  return ps.map((p) => `${p.partition}:${p.offset}`).join(',');
}

function parsePositions(text: string): Position[] | null {
  const out: Position[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d{1,7}):(\d{1,19})$/.exec(part);
    if (!m) return null;
    out.push({ partition: Number(m[1]), offset: m[2]! });
  }
  return out.length > 0 ? out : null;
}

export function startText(s: Start): string {
  switch (s.kind) {
    case 'newest':
    case 'oldest':
      return s.kind;
    case 'offset':
      return `offset:${s.offset}`;
    case 'timestamp':
      return `time:${new Date(s.timestamp).toISOString()}`;
    case 'positions':
      return `${s.direction}:${positionsText(s.positions)}`;
  }
}

export function parseStart(text: string | null): Start | null {
  if (!text) return null;
  if (text === 'newest' || text === 'oldest') return { kind: text };
  const [head, ...rest] = text.split(':');
  const body = rest.join(':');
  if (head === 'offset' && OFFSET.test(body)) return { kind: 'offset', offset: body };
  if (head === 'time') {
    const ms = Date.parse(body);
    return Number.isNaN(ms) ? null : { kind: 'timestamp', timestamp: ms };
  }
  if (head === 'older' || head === 'newer') {
    const positions = parsePositions(body);
    return positions ? { kind: 'positions', direction: head, positions } : null;
  }
  return null;
}

function endText(e: End): string {
  return e.kind === 'end'
    ? 'end'
    : e.kind === 'offset'
      ? `offset:${e.offset}`
      : `time:${new Date(e.timestamp).toISOString()}`;
}

function parseEnd(text: string | null): End | null {
  if (!text) return null;
  if (text === 'end') return { kind: 'end' };
  const s = parseStart(text);
  if (s?.kind === 'offset') return s;
  if (s?.kind === 'timestamp') return s;
  return null;
}

export function parseViewState(query: string | undefined): ViewState {
  const q = new URLSearchParams(query ?? '');
  const mode = q.get('mode');
  const partitions = q.get('p')?.split(',').map(Number);
  const limit = Number(q.get('n'));
  const max = Number(q.get('max'));
  const record = q.get('rec') ? parsePositions(q.get('rec')!) : null;
  const scanFrom = parseStart(q.get('sfrom'));
  return {
    mode: mode === 'live' || mode === 'search' ? mode : 'browse',
    partitions:
      partitions && partitions.length > 0 && partitions.every((p) => Number.isInteger(p) && p >= 0) ? partitions : null,
    from: parseStart(q.get('from')) ?? DEFAULT_VIEW_STATE.from,
    limit: PAGE_SIZES.includes(limit) ? limit : DEFAULT_VIEW_STATE.limit,
    filter: q.get('q') ?? '',
    scanFrom: scanFrom && scanFrom.kind !== 'newest' ? scanFrom : DEFAULT_VIEW_STATE.scanFrom,
    scanTo: parseEnd(q.get('sto')) ?? DEFAULT_VIEW_STATE.scanTo,
    maxResults: Number.isInteger(max) && max >= 1 && max <= 10_000 ? max : DEFAULT_VIEW_STATE.maxResults,
    record: record?.length === 1 ? record[0]! : null,
  };
}

/** The query string for a state; defaults are left out so links stay short. */
export function viewStateQuery(s: ViewState): string {
  const q = new URLSearchParams();
  const d = DEFAULT_VIEW_STATE;
  if (s.mode !== d.mode) q.set('mode', s.mode);
  if (s.partitions) q.set('p', s.partitions.join(','));
  if (startText(s.from) !== startText(d.from)) q.set('from', startText(s.from));
  if (s.limit !== d.limit) q.set('n', String(s.limit));
  if (s.filter) q.set('q', s.filter);
  if (startText(s.scanFrom) !== startText(d.scanFrom)) q.set('sfrom', startText(s.scanFrom));
  if (endText(s.scanTo) !== endText(d.scanTo)) q.set('sto', endText(s.scanTo));
  if (s.maxResults !== d.maxResults) q.set('max', String(s.maxResults));
  if (s.record) q.set('rec', `${s.record.partition}:${s.record.offset}`);
  return q.toString();
}
