/**
 * Turns a parsed filter (contract/message-filter.ts) into a predicate over records: a tree of
 * closures, never code from text. Text tests run on the raw bytes where they can (a UTF-8 substring
 * is a byte substring), JSON is parsed at most once per record and only when a $.path needs it.
 */
import {
  parseFilter,
  describeFilterError,
  type FilterExpr,
  type FilterField,
  type FilterLiteral,
  type JsonStep,
} from '../../contract/message-filter.js';
import { AppError } from '../../contract/errors.js';
import type { ReadRecord } from './read-record.js';

const UNREAD = Symbol('not decoded yet');
type Slot = string | null | typeof UNREAD;

/**
 * Per-record lazily decoded views, shared by every test of one record. Plain fields, no maps: a
 * scan makes one of these per record, hundreds of thousands per second.
 */
class View {
  private keyText: Slot = UNREAD;
  private valueText: Slot = UNREAD;
  private keyJson: unknown = UNREAD;
  private valueJson: unknown = UNREAD;
  constructor(readonly r: ReadRecord) {}

  textOf(which: 'key' | 'value'): string | null {
    if (which === 'key') {
      if (this.keyText === UNREAD) this.keyText = this.r.key?.toString('utf8') ?? null;
      return this.keyText;
    }
    if (this.valueText === UNREAD) this.valueText = this.r.value?.toString('utf8') ?? null;
    return this.valueText;
  }

  jsonOf(which: 'key' | 'value'): unknown {
    const cached = which === 'key' ? this.keyJson : this.valueJson;
    if (cached !== UNREAD) return cached;
    const t = this.textOf(which);
    let v: unknown = NOT_JSON;
    if (t !== null) {
      try {
        v = JSON.parse(t);
      } catch {
        v = NOT_JSON;
      }
    }
    if (which === 'key') this.keyJson = v;
    else this.valueJson = v;
    return v;
  }
}

const NOT_JSON = Symbol('not JSON');
type Test = (v: View) => boolean;

/** A predicate for the filter text; an empty filter matches everything. */
export function compileFilter(text: string): (r: ReadRecord) => boolean {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new AppError('VALIDATION', describeFilterError(parsed), { field: 'filter' });
  if (parsed.expr === null) return () => true;
  const test = compile(parsed.expr);
  return (r) => test(new View(r));
}

function compile(e: FilterExpr): Test {
  switch (e.type) {
    case 'and': {
      const [a, b] = [compile(e.left), compile(e.right)];
      return (v) => a(v) && b(v);
    }
    case 'or': {
      const [a, b] = [compile(e.left), compile(e.right)];
      return (v) => a(v) || b(v);
    }
    case 'not': {
      const a = compile(e.expr);
      return (v) => !a(v);
    }
    case 'anywhere': {
      const needle = Buffer.from(e.value, 'utf8');
      return ({ r }) =>
        (r.value !== null && r.value.indexOf(needle) >= 0) ||
        (r.key !== null && r.key.indexOf(needle) >= 0) ||
        r.headers.some((h) => h.value !== null && h.value.indexOf(needle) >= 0);
    }
    case 'exists':
      return existsTest(e.field);
    case 'compare':
      return compareTest(e.field, e.op, e.value);
    case 'in': {
      const tests = e.values.map((value) => compareTest(e.field, '==', value));
      return (v) => tests.some((t) => t(v));
    }
    case 'text':
      return textTest(e.field, e.op, e.value);
    case 'matches': {
      const re = new RegExp(e.source, e.flags);
      return anyString(e.field, (s) => re.test(s));
    }
  }
}

function existsTest(f: FilterField): Test {
  switch (f.kind) {
    case 'key':
    case 'value':
      return ({ r }) => r[f.kind] !== null;
    case 'header':
      return ({ r }) => r.headers.some((h) => h.key === f.name);
    case 'json':
      return (v) => jsonValues(v, f).length > 0;
    default:
      return () => true;
  }
}

/** Byte buffers a key/value/header test looks at. */
function buffers(v: View, f: FilterField): (Buffer | null)[] {
  if (f.kind === 'key' || f.kind === 'value') return [v.r[f.kind]];
  if (f.kind === 'header') return v.r.headers.filter((h) => h.key === f.name).map((h) => h.value);
  return [];
}

function textTest(f: FilterField, op: 'contains' | 'startsWith' | 'endsWith', text: string): Test {
  if (f.kind === 'json') {
    return anyString(f, (s) =>
      op === 'contains' ? s.includes(text) : op === 'startsWith' ? s.startsWith(text) : s.endsWith(text),
    );
  }
  const needle = Buffer.from(text, 'utf8');
  const hit = (b: Buffer | null) => {
    if (b === null) return false;
    if (op === 'contains') return b.indexOf(needle) >= 0;
    if (b.length < needle.length) return false;
    const at = op === 'startsWith' ? 0 : b.length - needle.length;
    return b.compare(needle, 0, needle.length, at, at + needle.length) === 0;
  };
  return (v) => buffers(v, f).some(hit);
}

function anyString(f: FilterField, test: (s: string) => boolean): Test {
  if (f.kind === 'json') return (v) => jsonValues(v, f).some((x) => typeof x === 'string' && test(x));
  if (f.kind === 'key' || f.kind === 'value') {
    const which = f.kind;
    return (v) => {
      const t = v.textOf(which);
      return t !== null && test(t);
    };
  }
  return (v) => buffers(v, f).some((b) => b !== null && test(b.toString('utf8')));
}

function compareTest(f: FilterField, op: string, lit: FilterLiteral): Test {
  switch (f.kind) {
    case 'partition':
      return ({ r }) => order(r.partition, Number((lit as { text: string }).text), op);
    case 'offset': {
      const n = BigInt((lit as { text: string }).text);
      return ({ r }) => order(r.offset, n, op);
    }
    case 'timestamp':
      return ({ r }) => order(r.timestamp, (lit as { value: number }).value, op);
    case 'size': {
      const n = Number((lit as { text: string }).text);
      return ({ r }) => order(r.value?.length ?? 0, n, op);
    }
    case 'json':
      return (v) => jsonValues(v, f).some((x) => jsonCompare(x, lit, op));
    default: {
      // key, value, header: equality of the bytes with the text (or with null)
      const needle = lit.type === 'string' ? Buffer.from(lit.value, 'utf8') : null;
      const eq = (b: Buffer | null) => (needle === null ? b === null : b !== null && b.equals(needle));
      if (f.kind === 'header') {
        return (v) => {
          const bs = buffers(v, f);
          return op === '==' ? bs.some(eq) : bs.length > 0 && !bs.every(eq);
        };
      }
      return (v) => (op === '==' ? eq(buffers(v, f)[0]!) : !eq(buffers(v, f)[0]!));
    }
  }
}

function order<T extends number | bigint>(a: T, b: T, op: string): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function jsonCompare(x: unknown, lit: FilterLiteral, op: string): boolean {
  const want = lit.type === 'null' ? null : lit.value;
  if (op === '==' || op === '!=') {
    const same = x === want || (typeof x === 'number' && typeof want === 'number' && x === want);
    return op === '==' ? same : !same;
  }
  if (typeof x === 'number' && typeof want === 'number') return order(x, want, op);
  if (typeof x === 'string' && typeof want === 'string') {
    const c = x < want ? -1 : x > want ? 1 : 0;
    return order(c, 0, op);
  }
  return false;
}

/** Every value a path reaches ([*] can reach many); none when the bytes are not JSON or the path is absent. */
function jsonValues(v: View, f: Extract<FilterField, { kind: 'json' }>): unknown[] {
  const root = v.jsonOf(f.of);
  if (root === NOT_JSON) return [];
  let current: unknown[] = [root];
  for (const step of f.path) current = current.flatMap((x) => follow(x, step));
  return current;
}

function follow(x: unknown, step: JsonStep): unknown[] {
  if (x === null || typeof x !== 'object') return [];
  if ('each' in step) return Array.isArray(x) ? x : Object.values(x);
  if ('index' in step) return Array.isArray(x) && step.index < x.length ? [x[step.index]] : [];
  if (Array.isArray(x) || !Object.prototype.hasOwnProperty.call(x, step.key)) return [];
  return [(x as Record<string, unknown>)[step.key]];
}
