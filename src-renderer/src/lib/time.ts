const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2024-05-01 14:03:07.123" in local time: sortable, unambiguous, no locale surprises. */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatIso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'invalid timestamp' : d.toISOString();
}

export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export type TimeMode = 'local' | 'utc' | 'epoch';

/** A record timestamp as the person chose to read it: local time, UTC, or milliseconds since 1970. */
export function formatTimestamp(ms: number, mode: TimeMode): string {
  if (mode === 'epoch') return String(ms);
  if (mode === 'local') return formatLocalTime(ms);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().replace('T', ' ').replace('Z', ' Z');
}
