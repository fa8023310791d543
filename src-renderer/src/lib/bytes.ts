import type { Bytes } from '../contract.js';

export type DecodeAs = 'text' | 'json' | 'hex';

interface Decoded {
  /** What to show. */
  text: string;
  /** Set when the requested decoding wasn't possible; `text` then holds a fallback. */
  problem: string | null;
}

function base64ToBytes(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Strict UTF-8 decode; null when the bytes are not valid UTF-8.
 * For a truncated value the cut may fall inside a multi-byte character, so an incomplete
 * sequence at the very end is tolerated (streaming mode keeps it pending instead of failing).
 */
export function utf8OrNull(bytes: Uint8Array, truncated: boolean): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return null;
  }
}

// Control characters other than tab, newline and carriage return mean "this is not text".
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** True when the bytes are best shown as hex: invalid UTF-8 or containing control characters. */
export function looksBinary(bytes: Uint8Array, truncated: boolean): boolean {
  const text = utf8OrNull(bytes, truncated);
  return text === null || CONTROL.test(text);
}

/** The decoding a viewer should start with. */
export function defaultDecoding(value: Bytes): DecodeAs {
  const bytes = base64ToBytes(value.base64);
  if (looksBinary(bytes, value.truncated)) return 'hex';
  const text = utf8OrNull(bytes, value.truncated) ?? '';
  return !value.truncated && looksLikeJson(text) ? 'json' : 'text';
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

export function decodeBytes(value: Bytes, as: DecodeAs): Decoded {
  const bytes = base64ToBytes(value.base64);
  if (as === 'hex') return { text: hexDump(bytes), problem: null };
  const text = utf8OrNull(bytes, value.truncated);
  if (text === null) {
    return { text: hexDump(bytes), problem: 'Not valid UTF-8 text; showing hex.' };
  }
  if (as === 'text') return { text, problem: null };
  if (value.truncated) {
    return { text, problem: 'The value is truncated, so it cannot be parsed as JSON; showing text.' };
  }
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), problem: null };
  } catch (e) {
    return { text, problem: `Not valid JSON (${(e as Error).message}); showing text.` };
  }
}

/** Classic 16-bytes-per-line dump: offset, hex pairs, printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const chunk = bytes.subarray(off, off + 16);
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

/** One line for a table cell: text collapsed to a line, or a short hex run for binary. */
export function previewBytes(value: Bytes | null, maxChars = 160): string {
  if (value === null) return '';
  const bytes = base64ToBytes(value.base64);
  if (looksBinary(bytes, value.truncated)) {
    const hex = Array.from(bytes.subarray(0, Math.ceil(maxChars / 3)), (b) => b.toString(16).padStart(2, '0')).join(
      ' ',
    );
    return bytes.length * 3 > maxChars ? `${hex} …` : hex;
  }
  const text = (utf8OrNull(bytes, value.truncated) ?? '').replace(/\s+/g, ' ');
  return text.length > maxChars || value.truncated ? `${text.slice(0, maxChars)}…` : text;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
