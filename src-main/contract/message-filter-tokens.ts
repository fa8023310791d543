/**
 * Tokens of the message filter language (see message-filter.ts). Hand-written so that every
 * error can point at a column, and nothing a user types is ever evaluated as code.
 */

export type TokenKind = 'word' | 'string' | 'number' | 'regex' | 'op' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  /** Words as typed; strings unescaped; numbers as their source text; regex as "source/flags". */
  text: string;
  /** Regex only: the flags after the closing slash. */
  flags?: string;
  /** 0-based position in the filter text. */
  at: number;
}

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

const OPS = ['==', '!=', '>=', '<=', '&&', '||', '=~', '>', '<', '!', '~', '='];
const PUNCT = '()[],.$*';
const REGEX_FLAGS = /^[imsu]*$/;

/** Splits a filter into tokens. A slash starts a regular expression: the language has no division. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '"' || c === "'") {
      const [text, next] = readString(src, i);
      out.push({ kind: 'string', text, at: i });
      i = next;
    } else if (c === '/') {
      const [text, flags, next] = readRegex(src, i);
      out.push({ kind: 'regex', text, flags, at: i });
      i = next;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i))!;
      out.push({ kind: 'number', text: m[0], at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      out.push({ kind: 'word', text: m[0], at: i });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (op) {
        out.push({ kind: 'op', text: op, at: i });
        i += op.length;
      } else if (PUNCT.includes(c)) {
        out.push({ kind: 'punct', text: c, at: i });
        i++;
      } else {
        throw new FilterSyntaxError(`Unexpected character "${c}"`, i);
      }
    }
  }
  out.push({ kind: 'end', text: '', at: src.length });
  return out;
}

function readString(src: string, start: number): [string, number] {
  const quote = src[start]!;
  let i = start + 1;
  let text = '';
  while (i < src.length) {
    const c = src[i]!;
    if (c === quote) return [text, i + 1];
    if (c === '\\') {
      const e = src[i + 1];
      if (e === undefined) break;
      if (e === 'n') text += '\n';
      else if (e === 't') text += '\t';
      else if (e === 'r') text += '\r';
      else if (e === 'u') {
        const hex = src.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new FilterSyntaxError('\\u needs four hex digits', i);
        text += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else text += e; // \" \' \\ and any other escaped character stand for themselves
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  throw new FilterSyntaxError(`Text started here is missing its closing ${quote}`, start);
}

function readRegex(src: string, start: number): [string, string, number] {
  let i = start + 1;
  let inClass = false;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      const body = src.slice(start + 1, i);
      const flags = /^[A-Za-z]*/.exec(src.slice(i + 1))![0];
      if (!REGEX_FLAGS.test(flags)) {
        throw new FilterSyntaxError(`Regular expression flags may be i, m, s and u; "${flags}" is not allowed`, i + 1);
      }
      if (body === '') throw new FilterSyntaxError('Empty regular expression', start);
      return [body, flags, i + 1 + flags.length];
    }
    i++;
  }
  throw new FilterSyntaxError('Regular expression started here is missing its closing /', start);
}
