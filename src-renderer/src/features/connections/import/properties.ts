/**
 * Reading the config files Kafka clients already have:
 * - Java `.properties` (client.properties, consumer.properties): `key=value`, `key: value` or
 *   `key value`; `#`/`!` comments; a trailing backslash continues the line; `\t \n \uXXXX` escapes.
 * - librdkafka / kcat (`kcat -F file`, ~/.config/kcat.conf): `key=value` lines and `#` comments,
 *   with no escapes (a Windows path keeps its backslashes).
 */

export interface Property {
  key: string;
  value: string;
  /** 1-based line where the entry starts, for messages. */
  line: number;
}

export type ConfigDialect = 'java' | 'librdkafka';

/** Keys only librdkafka uses: any of them makes the file a librdkafka/kcat config. */
const LIBRDKAFKA_KEYS = new Set([
  'metadata.broker.list',
  'sasl.mechanisms',
  'sasl.username',
  'sasl.password',
  'ssl.ca.location',
  'ssl.ca.pem',
  'ssl.certificate.location',
  'ssl.certificate.pem',
  'ssl.key.location',
  'ssl.key.pem',
  'enable.ssl.certificate.verification',
]);

function unescapeJava(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[e] ?? e;
  });
}

/** Logical lines: Java joins a line ending in an odd number of backslashes with the next. */
function logicalLines(text: string, dialect: ConfigDialect): Array<{ text: string; line: number }> {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | null = null;
  physical.forEach((raw, i) => {
    const piece = current ? raw.replace(/^[ \t\f]+/, '') : raw;
    if (!current) {
      const trimmed = piece.replace(/^[ \t\f]+/, '');
      if (trimmed === '' || trimmed.startsWith('#') || (dialect === 'java' && trimmed.startsWith('!'))) return;
    }
    const trailing = /\\+$/.exec(piece)?.[0].length ?? 0;
    const continues = dialect === 'java' && trailing % 2 === 1;
    const body = continues ? piece.slice(0, -1) : piece;
    current = current ? { text: current.text + body, line: current.line } : { text: body, line: i + 1 };
    if (!continues) {
      out.push(current);
      current = null;
    }
  });
  if (current) out.push(current);
  return out;
}

function splitEntry(text: string, dialect: ConfigDialect): { key: string; value: string } {
  const s = text.replace(/^[ \t\f]+/, '');
  if (dialect === 'librdkafka') {
    const eq = s.indexOf('=');
    return eq < 0 ? { key: s.trim(), value: '' } : { key: s.slice(0, eq).trim(), value: s.slice(eq + 1).trim() };
  }
  // The key ends at the first unescaped '=', ':' or white space.
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') i += 2;
    else if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    else i++;
  }
  const key = s.slice(0, i);
  const rest = s.slice(i).replace(/^[ \t\f]*[=:]?[ \t\f]*/, '');
  return { key: unescapeJava(key), value: unescapeJava(rest) };
}

/** Which kind of file this is, from the keys it uses. */
export function detectDialect(text: string): ConfigDialect {
  for (const { text: line } of logicalLines(text, 'librdkafka')) {
    if (LIBRDKAFKA_KEYS.has(splitEntry(line, 'librdkafka').key)) return 'librdkafka';
  }
  return 'java';
}

/** The entries of a config file; a key given twice keeps its last value, as both clients do. */
export function parseConfigFile(text: string, dialect = detectDialect(text)): Property[] {
  const byKey = new Map<string, Property>();
  for (const { text: line, line: n } of logicalLines(text, dialect)) {
    const { key, value } = splitEntry(line, dialect);
    if (key) byKey.set(key, { key, value, line: n });
  }
  return [...byKey.values()];
}

/**
 * PEM text that went through a properties file: continuation lines make it one line with
 * spaces. Rebuilds each block with its base64 body in 64-character lines.
 */
export function normalizePem(value: string): string {
  const blocks = [...value.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
  return blocks
    .map(([, label, body]) => {
      const b64 = body!.replace(/\s+/g, '');
      const lines = b64.match(/.{1,64}/g) ?? [];
      return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
    })
    .join('');
}
