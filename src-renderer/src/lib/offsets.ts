/** Offsets are int64 decimal strings; BigInt keeps every digit. Bad input shows as '—' rather than crashing a table. */
export function offsetDiff(high: string, low: string): string {
  try {
    return (BigInt(high) - BigInt(low)).toString();
  } catch {
    return '—';
  }
}

export function formatCount(count: string): string {
  try {
    return BigInt(count).toLocaleString('en-US');
  } catch {
    return count;
  }
}
