/**
 * The message filter language: a small, safe expression language for searching a topic.
 *
 *   $.status == "FAILED" and $.amount > 100
 *   key startsWith "order-" or header("trace") exists
 *   value matches /timeout|refused/i and not partition in (0, 1)
 *   timestamp >= "2024-05-01T00:00:00Z" and size > 1000
 *   "ORD-1234"                       (a bare text: key, value or a header value contains it)
 *
 * It lives in the contract so the search box can check a filter as it is typed and the core can
 * refuse a bad one at the boundary with the same words. The parser builds a tree; the core
 * evaluates it (core/messages/filter-eval.ts). Nothing is ever run as code.
 */
import { FilterSyntaxError, tokenize, type Token } from './message-filter-tokens.js';

export { FilterSyntaxError } from './message-filter-tokens.js';

export type JsonStep = { key: string } | { index: number } | { each: true };

export type FilterField =
  | { kind: 'key' }
  | { kind: 'value' }
  | { kind: 'partition' }
  | { kind: 'offset' }
  | { kind: 'timestamp' }
  /** Size of the value in bytes. */
  | { kind: 'size' }
  | { kind: 'header'; name: string }
  | { kind: 'json'; of: 'key' | 'value'; path: JsonStep[] };

export type FilterLiteral =
  | { type: 'string'; value: string }
  /** `text` keeps every digit (offsets are int64). */
  | { type: 'number'; value: number; text: string }
  | { type: 'bool'; value: boolean }
  | { type: 'null' };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type TextOp = 'contains' | 'startsWith' | 'endsWith';

export type FilterExpr =
  | { type: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { type: 'not'; expr: FilterExpr }
  | { type: 'compare'; field: FilterField; op: CompareOp; value: FilterLiteral }
  | { type: 'text'; field: FilterField; op: TextOp; value: string }
  | { type: 'matches'; field: FilterField; source: string; flags: string }
  | { type: 'in'; field: FilterField; values: FilterLiteral[] }
  | { type: 'exists'; field: FilterField }
  | { type: 'anywhere'; value: string };

export type FilterParse = { ok: true; expr: FilterExpr | null } | { ok: false; message: string; at: number };

export const FILTER_MAX_CHARS = 4000;
const MAX_DEPTH = 50;
const NUMERIC_FIELDS = new Set(['partition', 'offset', 'size']);
const COMPARE_OPS = new Set(['==', '=', '!=', '<', '<=', '>', '>=']);
const TEXT_OPS: Record<string, TextOp> = { contains: 'contains', startswith: 'startsWith', endswith: 'endsWith' };

/** Parses a filter; an empty one matches every record. Errors name the problem and its column. */
export function parseFilter(src: string): FilterParse {
  if (src.trim() === '') return { ok: true, expr: null };
  if (src.length > FILTER_MAX_CHARS) {
    return { ok: false, message: `A filter has at most ${FILTER_MAX_CHARS} characters`, at: FILTER_MAX_CHARS };
  }
  try {
    const p = new Parser(tokenize(src));
    const expr = p.expression(0);
    p.expectEnd();
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}

/** "Column 12: …", for messages shown away from the input. */
export function describeFilterError(p: Extract<FilterParse, { ok: false }>): string {
  return `${p.message} (at character ${p.at + 1})`;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private get t(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isWord(w: string): boolean {
    return this.t.kind === 'word' && this.t.text.toLowerCase() === w;
  }
  private isPunct(p: string): boolean {
    return this.t.kind === 'punct' && this.t.text === p;
  }
  private expectPunct(p: string, what: string): void {
    if (!this.isPunct(p)) throw this.error(`Expected "${p}" ${what}`);
    this.i++;
  }
  private error(message: string, at = this.t.at): FilterSyntaxError {
    const found = this.t.kind === 'end' ? 'the end of the filter' : `"${this.t.text}"`;
    return new FilterSyntaxError(at === this.t.at ? `${message}, found ${found}` : message, at);
  }

  expectEnd(): void {
    if (this.t.kind !== 'end') throw this.error('Expected "and", "or" or the end of the filter');
  }

  expression(depth: number): FilterExpr {
    if (depth > MAX_DEPTH) throw this.error('The filter nests too deeply');
    let left = this.conjunction(depth);
    while (this.isWord('or') || (this.t.kind === 'op' && this.t.text === '||')) {
      this.i++;
      left = { type: 'or', left, right: this.conjunction(depth) };
    }
    return left;
  }

  private conjunction(depth: number): FilterExpr {
    let left = this.negation(depth);
    while (this.isWord('and') || (this.t.kind === 'op' && this.t.text === '&&')) {
      this.i++;
      left = { type: 'and', left, right: this.negation(depth) };
    }
    return left;
  }

  private negation(depth: number): FilterExpr {
    if (depth > MAX_DEPTH) throw this.error('The filter nests too deeply');
    if (this.isWord('not') || (this.t.kind === 'op' && this.t.text === '!')) {
      this.i++;
      return { type: 'not', expr: this.negation(depth + 1) };
    }
    if (this.isPunct('(')) {
      this.i++;
      const inner = this.expression(depth + 1);
      this.expectPunct(')', 'to close the bracket');
      return inner;
    }
    if (this.t.kind === 'string') return { type: 'anywhere', value: this.next().text };
    return this.condition();
  }

  private condition(): FilterExpr {
    const field = this.field();
    const name = fieldName(field);
    const opTok = this.t;
    const op = opTok.kind === 'word' ? opTok.text.toLowerCase() : opTok.text;
    if (opTok.kind === 'op' && COMPARE_OPS.has(op)) {
      this.i++;
      const at = this.t.at;
      const value = check(field, this.literal(), op, at);
      return { type: 'compare', field, op: (op === '=' ? '==' : op) as CompareOp, value };
    }
    if (opTok.kind === 'word' && TEXT_OPS[op]) {
      this.i++;
      if (NUMERIC_FIELDS.has(field.kind) || field.kind === 'timestamp') {
        throw new FilterSyntaxError(`"${opTok.text}" works on text; ${name} is a number`, opTok.at);
      }
      const v = this.literal();
      if (v.type !== 'string') throw new FilterSyntaxError(`"${opTok.text}" needs a text in quotes`, opTok.at);
      return { type: 'text', field, op: TEXT_OPS[op]!, value: v.value };
    }
    if ((opTok.kind === 'word' && op === 'matches') || (opTok.kind === 'op' && (op === '~' || op === '=~'))) {
      this.i++;
      if (NUMERIC_FIELDS.has(field.kind) || field.kind === 'timestamp') {
        throw new FilterSyntaxError(`"${opTok.text}" works on text; ${name} is a number`, opTok.at);
      }
      const r = this.t;
      if (r.kind !== 'regex' && r.kind !== 'string') throw this.error('Expected a regular expression like /timeout/i');
      this.i++;
      const flags = r.flags ?? '';
      try {
        new RegExp(r.text, flags);
      } catch (e) {
        throw new FilterSyntaxError(`Invalid regular expression: ${(e as Error).message}`, r.at);
      }
      return { type: 'matches', field, source: r.text, flags };
    }
    if (opTok.kind === 'word' && op === 'in') {
      this.i++;
      this.expectPunct('(', 'after "in", as in partition in (0, 1)');
      const values: FilterLiteral[] = [];
      do {
        if (values.length > 0) this.i++;
        const at = this.t.at;
        values.push(check(field, this.literal(), '==', at));
      } while (this.isPunct(','));
      this.expectPunct(')', 'to close the list');
      return { type: 'in', field, values };
    }
    if (opTok.kind === 'word' && op === 'exists') {
      this.i++;
      if (field.kind !== 'header' && field.kind !== 'json' && field.kind !== 'key' && field.kind !== 'value') {
        throw new FilterSyntaxError(
          `Every record has a ${name}; "exists" works on headers, keys, values and $.paths`,
          opTok.at,
        );
      }
      return { type: 'exists', field };
    }
    throw this.error(`Expected a comparison after ${name} (==, !=, >, <, contains, matches, in, exists)`);
  }

  private field(): FilterField {
    const tok = this.t;
    if (tok.kind === 'punct' && tok.text === '$') {
      this.i++;
      let of: 'key' | 'value' = 'value';
      if (this.t.kind === 'word' && this.t.text === 'key' && this.t.at === tok.at + 1) {
        this.i++;
        of = 'key';
      }
      return { kind: 'json', of, path: this.jsonPath() };
    }
    if (tok.kind !== 'word')
      throw this.error('Expected a field (key, value, header("name"), $.path, partition, offset, timestamp, size)');
    const w = tok.text.toLowerCase();
    this.i++;
    if (w === 'key' || w === 'value' || w === 'partition' || w === 'offset' || w === 'timestamp' || w === 'size') {
      return { kind: w };
    }
    if (w === 'header') {
      this.expectPunct('(', 'after header, as in header("trace-id")');
      const n = this.t;
      if (n.kind !== 'string') throw this.error('Expected a header name in quotes');
      this.i++;
      this.expectPunct(')', 'after the header name');
      return { kind: 'header', name: n.text };
    }
    if (w === 'headers') {
      this.expectPunct('[', 'after headers, as in headers["trace-id"]');
      const n = this.t;
      if (n.kind !== 'string') throw this.error('Expected a header name in quotes');
      this.i++;
      this.expectPunct(']', 'after the header name');
      return { kind: 'header', name: n.text };
    }
    throw new FilterSyntaxError(
      `Unknown field "${tok.text}"; use key, value, header("name"), $.path, partition, offset, timestamp or size (text goes in quotes)`,
      tok.at,
    );
  }

  private jsonPath(): JsonStep[] {
    const path: JsonStep[] = [];
    for (;;) {
      if (this.isPunct('.')) {
        const dot = this.next();
        const n = this.t;
        if (n.kind === 'word' && n.at === dot.at + 1) path.push({ key: this.next().text });
        else if (n.kind === 'number' && n.at === dot.at + 1 && /^\d+$/.test(n.text))
          path.push({ index: Number(this.next().text) });
        else throw this.error('Expected a field name after "."');
      } else if (this.isPunct('[')) {
        this.i++;
        const n = this.t;
        if (n.kind === 'string') path.push({ key: this.next().text });
        else if (n.kind === 'number' && /^\d+$/.test(n.text)) path.push({ index: Number(this.next().text) });
        else if (n.kind === 'punct' && n.text === '*') {
          this.i++;
          path.push({ each: true });
        } else throw this.error('Expected a quoted name, an index or * inside [ ]');
        this.expectPunct(']', 'to close the path step');
      } else return path;
    }
  }

  private literal(): FilterLiteral {
    const tok = this.t;
    if (tok.kind === 'string') {
      this.i++;
      return { type: 'string', value: tok.text };
    }
    if (tok.kind === 'number') {
      this.i++;
      return { type: 'number', value: Number(tok.text), text: tok.text };
    }
    if (tok.kind === 'word') {
      const w = tok.text.toLowerCase();
      if (w === 'true' || w === 'false') {
        this.i++;
        return { type: 'bool', value: w === 'true' };
      }
      if (w === 'null') {
        this.i++;
        return { type: 'null' };
      }
      throw new FilterSyntaxError(`Expected a value; put text in quotes: "${tok.text}"`, tok.at);
    }
    throw this.error('Expected a value (a number, "text", true, false or null)');
  }
}

function fieldName(f: FilterField): string {
  if (f.kind === 'header') return `header("${f.name}")`;
  if (f.kind === 'json') return f.of === 'key' ? '$key path' : '$ path';
  return f.kind;
}

/** Type rules per field, so `partition == "x"` is refused with a reason instead of matching nothing. */
function check(field: FilterField, v: FilterLiteral, op: string, at: number): FilterLiteral {
  const name = fieldName(field);
  if (NUMERIC_FIELDS.has(field.kind)) {
    if (v.type !== 'number' || !/^\d+$/.test(v.text))
      throw new FilterSyntaxError(`${name} is compared with a whole number`, at);
    return v;
  }
  if (field.kind === 'timestamp') {
    if (v.type === 'number') return v;
    if (v.type === 'string') {
      const ms = Date.parse(v.value);
      if (Number.isNaN(ms)) {
        throw new FilterSyntaxError(`"${v.value}" is not a date-time; write it like "2024-05-01T14:30:00Z"`, at);
      }
      return { type: 'number', value: ms, text: String(ms) };
    }
    throw new FilterSyntaxError('timestamp is compared with a date-time in quotes or milliseconds since 1970', at);
  }
  if (field.kind !== 'json') {
    if (v.type === 'number') return { type: 'string', value: v.text };
    if (v.type === 'null' && (op === '==' || op === '!=')) return v;
    if (v.type !== 'string') throw new FilterSyntaxError(`${name} is compared with text in quotes`, at);
    if (op !== '==' && op !== '!=' && op !== '=') {
      // Ordering keys and values as text is rarely what anyone means; JSON paths handle numbers.
      throw new FilterSyntaxError(`${name} supports ==, !=, contains, startsWith, endsWith, matches and in`, at);
    }
  }
  return v;
}
