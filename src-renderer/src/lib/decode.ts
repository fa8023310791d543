/**
 * How key, value and header bytes are shown: auto-detected (JSON, UTF-8 text, binary) or as the
 * person chose (text, JSON, hex, base64). When a choice cannot be honoured the reason is a sentence,
 * never a parser's message.
 */
import type { Bytes, DecodeFormat } from '../contract.js';
import { formatSize } from './bytes.js';

export type Shown =
  | { as: 'text'; text: string; note: string | null }
  | { as: 'json'; value: unknown; text: string; note: string | null }
  | { as: 'hex'; bytes: Uint8Array; note: string | null }
  | { as: 'base64'; text: string; note: string | null };

export type Kind = 'json' | 'text' | 'binary' | 'empty';

export function bytesOf(b: Bytes): Uint8Array {
  const bin = atob(b.base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Strict UTF-8; a multi-byte character cut at the end of a preview is tolerated. */
export function utf8(bytes: Uint8Array, truncated: boolean): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return null;
  }
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function detectKind(bytes: Uint8Array, truncated: boolean): Kind {
  if (bytes.length === 0) return 'empty';
  const text = utf8(bytes, truncated);
  if (text === null || CONTROL.test(text)) return 'binary';
  const t = text.trimStart();
  if (!truncated && (t.startsWith('{') || t.startsWith('[')) && parseJson(text) !== NOT_JSON) return 'json';
  return 'text';
}

const NOT_JSON = Symbol('not JSON');
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function base64Of(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** What to show for `b` in the chosen format; `what` words the notes ("This key is not JSON…"). */
export function show(b: Bytes, chosen: DecodeFormat, what: 'key' | 'value' | 'header value'): Shown {
  const bytes = bytesOf(b);
  const cut = b.truncated ? `Showing the first ${formatSize(bytes.length)} of ${formatSize(b.size)}.` : null;
  const kind = detectKind(bytes, b.truncated);
  const format = chosen === 'auto' ? (kind === 'binary' ? 'hex' : kind === 'json' ? 'json' : 'text') : chosen;
  if (format === 'hex') return { as: 'hex', bytes, note: cut };
  if (format === 'base64') return { as: 'base64', text: b.truncated ? base64Of(bytes) : b.base64, note: cut };
  const text = utf8(bytes, b.truncated);
  if (text === null) {
    return { as: 'hex', bytes, note: `This ${what} is not UTF-8 text, so it is shown as hex.${cut ? ` ${cut}` : ''}` };
  }
  if (format === 'text') return { as: 'text', text, note: cut };
  if (b.truncated) {
    return { as: 'text', text, note: `${cut} JSON needs the whole ${what}, so it is shown as text.` };
  }
  const value = parseJson(text);
  if (value === NOT_JSON) return { as: 'text', text, note: `This ${what} is not JSON, so it is shown as text.` };
  return { as: 'json', value, text: JSON.stringify(value, null, 2), note: null };
}

/** The text a person copies or downloads for what is shown (hex as a dump, JSON pretty). */
export function shownText(s: Shown): string {
  if (s.as === 'hex') return hexDump(s.bytes, 16);
  return s.text;
}

export function hexRow(bytes: Uint8Array, offset: number, width: number): string {
  const chunk = bytes.subarray(offset, offset + width);
  let hex = '';
  let ascii = '';
  for (let i = 0; i < width; i++) {
    const byte = chunk[i];
    hex += byte === undefined ? '   ' : `${byte.toString(16).padStart(2, '0')} `;
    if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  }
  return `${offset.toString(16).padStart(8, '0')}  ${hex} ${ascii}`;
}

export function hexDump(bytes: Uint8Array, width: number): string {
  const rows: string[] = [];
  for (let off = 0; off < bytes.length; off += width) rows.push(hexRow(bytes, off, width).trimEnd());
  return rows.join('\n');
}

/** Bytes per hex row that fit `chars` columns: offset (10) + 3 per byte + 1 + 1 per byte. */
export function hexWidthFor(chars: number): number {
  const fit = Math.floor((chars - 11) / 4);
  for (const w of [32, 24, 16, 8]) if (fit >= w) return w;
  return 4;
}

/** Splits text into display rows: at newlines, and every `cols` characters within long lines. */
export function wrapRows(text: string, cols: number): Uint32Array {
  const starts: number[] = [0];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      for (let s = lineStart + cols; s < i; s += cols) starts.push(s);
      if (i < text.length) starts.push(i + 1);
      lineStart = i + 1;
    }
  }
  return Uint32Array.from(starts);
}

/** One line for a table cell in the chosen format: text collapsed to a line, hex pairs, or base64. */
export function previewText(b: Bytes, chosen: DecodeFormat, maxChars = 160): string {
  if (chosen === 'base64') return b.base64.length > maxChars ? `${b.base64.slice(0, maxChars)}…` : b.base64;
  // A row shows one line: decode only the first bytes of a (up to 4 KB) preview.
  const cut = b.base64.length > maxChars * 8;
  const bytes = bytesOf(cut ? { ...b, base64: b.base64.slice(0, maxChars * 8) } : b);
  const truncated = b.truncated || cut;
  const kind = detectKind(bytes, truncated);
  const asHex =
    chosen === 'hex' || ((chosen === 'auto' || chosen === 'text' || chosen === 'json') && kind === 'binary');
  if (asHex) {
    const n = Math.ceil(maxChars / 3);
    const hex = Array.from(bytes.subarray(0, n), (x) => x.toString(16).padStart(2, '0')).join(' ');
    return bytes.length > n || truncated ? `${hex} …` : hex;
  }
  const text = (utf8(bytes, truncated) ?? '').replace(/\s+/g, ' ');
  return text.length > maxChars || truncated ? `${text.slice(0, maxChars)}…` : text;
}
