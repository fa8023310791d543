import type { ResetParams } from '../../contract.js';

/** What the reset dialog holds, as typed; `toResetRequest` checks it and builds the call. */
export interface ResetForm {
  scope: 'all' | 'topic' | 'partitions';
  topic: string;
  partitions: string;
  mode: 'earliest' | 'latest' | 'current' | 'datetime' | 'duration' | 'offset' | 'shift';
  /** From <input type="datetime-local">: local time. */
  datetime: string;
  durationValue: string;
  durationUnit: 'minutes' | 'hours' | 'days';
  offset: string;
  shift: string;
}

type Built =
  | { ok: true; value: Pick<ResetParams, 'scope' | 'mode'> }
  | { ok: false; error: string; field?: 'datetime' | 'duration' | 'offset' | 'shift' | 'topic' | 'partitions' };

/** "0,2,5-7" → [0, 2, 5, 6, 7]; null when it is not that shape (or too many). */
export function parsePartitions(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,6})(?:\s*-\s*(\d{1,6}))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 10_000) return null;
    for (let p = a; p <= b; p++) out.add(p);
    if (out.size > 10_000) return null;
  }
  return out.size ? [...out].sort((x, y) => x - y) : null;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export function toResetRequest(f: ResetForm): Built {
  let scope: ResetParams['scope'];
  if (f.scope === 'all') scope = { kind: 'all' };
  else if (!f.topic.trim()) return { ok: false, error: 'Choose a topic', field: 'topic' };
  else if (f.scope === 'topic') scope = { kind: 'topic', topic: f.topic.trim() };
  else {
    const partitions = parsePartitions(f.partitions);
    if (!partitions) return { ok: false, error: 'List the partitions, like 0,2,5-7', field: 'partitions' };
    scope = { kind: 'partitions', topic: f.topic.trim(), partitions };
  }
  let mode: ResetParams['mode'];
  switch (f.mode) {
    case 'earliest':
    case 'latest':
    case 'current':
      mode = { kind: f.mode };
      break;
    case 'datetime': {
      const t = new Date(f.datetime).getTime();
      if (!f.datetime || Number.isNaN(t)) return { ok: false, error: 'Pick a date and time', field: 'datetime' };
      mode = { kind: 'datetime', timestamp: t };
      break;
    }
    case 'duration': {
      const n = Number(f.durationValue);
      if (!(n > 0) || !Number.isFinite(n)) return { ok: false, error: 'A positive number', field: 'duration' };
      mode = { kind: 'duration', ms: Math.round(n * UNIT_MS[f.durationUnit]) };
      break;
    }
    case 'offset':
      if (!/^\d{1,19}$/.test(f.offset.trim()))
        return { ok: false, error: 'A whole number, 0 or more', field: 'offset' };
      mode = { kind: 'offset', offset: f.offset.trim() };
      break;
    case 'shift':
      if (!/^[-+]?\d{1,18}$/.test(f.shift.trim()))
        return { ok: false, error: 'A whole number, like -100 or 50', field: 'shift' };
      mode = { kind: 'shift', by: f.shift.trim().replace(/^\+/, '') };
      break;
  }
  return { ok: true, value: { scope, mode } };
}
