/** "1 broker", "3 brokers", "1,234 records": counts as people say them. */
export function count(n: number | bigint | string, one: string, many = `${one}s`): string {
  let value: bigint;
  try {
    value = BigInt(n);
  } catch {
    return `${String(n)} ${many}`;
  }
  return `${value.toLocaleString('en-US')} ${value === 1n ? one : many}`;
}
