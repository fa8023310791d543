/** "a:9092, b:9092\nc:9092" → ["a:9092", "b:9092", "c:9092"]; blanks dropped, duplicates kept once. */
export function parseBootstrapServers(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\n\r]+/)) {
    const s = part.trim();
    if (s) seen.add(s);
  }
  return [...seen];
}

export function formatBootstrapServers(servers: readonly string[]): string {
  return servers.join('\n');
}
