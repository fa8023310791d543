/**
 * Kafka configs speak milliseconds and bytes; people speak days and MiB. Parsing and wording of
 * both, exact (no rounding that would change what is sent).
 */

export const DURATION_UNITS = [
  { id: 'ms', label: 'ms', ms: 1 },
  { id: 's', label: 'seconds', ms: 1_000 },
  { id: 'min', label: 'minutes', ms: 60_000 },
  { id: 'h', label: 'hours', ms: 3_600_000 },
  { id: 'd', label: 'days', ms: 86_400_000 },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]['id'];

export const SIZE_UNITS = [
  { id: 'B', label: 'bytes', bytes: 1 },
  { id: 'KiB', label: 'KiB', bytes: 1024 },
  { id: 'MiB', label: 'MiB', bytes: 1024 ** 2 },
  { id: 'GiB', label: 'GiB', bytes: 1024 ** 3 },
] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number]['id'];

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "7 days", "1 hour 30 minutes", "250 ms"; -1 reads as "forever". */
export function describeDuration(ms: number): string {
  if (ms < 0) return 'forever';
  if (ms === 0) return '0 ms';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1_000],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(plural(n, unit));
    rest -= n * size;
    if (parts.length === 2) break;
  }
  if (parts.length === 0) return `${ms} ms`;
  return rest > 0 && parts.length < 2 ? `${parts[0]} ${rest} ms` : parts.join(' ');
}

/** "1 GiB", "64 MiB", "1,048,588 bytes (1 MiB)"; exact multiples stay exact. */
export function describeSize(bytes: number): string {
  if (bytes < 0) return 'no limit';
  for (const u of [...SIZE_UNITS].reverse()) {
    if (u.bytes > 1 && bytes >= u.bytes && bytes % u.bytes === 0)
      return `${(bytes / u.bytes).toLocaleString('en-US')} ${u.label}`;
  }
  if (bytes >= 1024) return `${bytes.toLocaleString('en-US')} bytes (≈ ${formatSize(bytes)})`;
  return plural(bytes, 'byte');
}

/** Short, rounded, for tables: "1.2 GiB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10} ${units[i]}`;
}

/** The largest unit that represents `ms` exactly, for a value + unit editor. */
export function splitDuration(ms: number): { amount: string; unit: DurationUnit } {
  for (const u of [...DURATION_UNITS].reverse())
    if (ms !== 0 && ms % u.ms === 0) return { amount: String(ms / u.ms), unit: u.id };
  return { amount: String(ms), unit: 'ms' };
}

export function splitSize(bytes: number): { amount: string; unit: SizeUnit } {
  for (const u of [...SIZE_UNITS].reverse())
    if (bytes !== 0 && bytes % u.bytes === 0) return { amount: String(bytes / u.bytes), unit: u.id };
  return { amount: String(bytes), unit: 'B' };
}

/** A whole number of the unit, as the config's decimal string; null when it is not a whole number. */
export function joinAmount(amount: string, factor: number): string | null {
  const t = amount.trim();
  if (!/^-?\d+$/.test(t)) return null;
  const n = BigInt(t);
  return (n < 0n ? n : n * BigInt(factor)).toString();
}
