/**
 * Produce templates: text with `{{ … }}` placeholders that change per record.
 *
 *   {"id": "{{uuid}}", "n": {{seq}}, "at": "{{now.iso}}", "amount": {{random.int(1, 100)}},
 *    "status": "{{pick("NEW", "PAID", "FAILED")}}", "customer": "{{name}}", "email": "{{email}}"}
 *
 * Parsed here (the produce form checks a template as it is typed, the core refuses a bad one at the
 * boundary with the same words) and rendered by a small interpreter: nothing is evaluated as code.
 * Renders are deterministic for a given random source, which the tests use.
 */
import { FAKE_DATA } from './produce-template-data.js';

export type TemplateArg = string | number;
export type TemplatePart = { text: string } | { fn: string; args: TemplateArg[]; at: number };

export type TemplateParse = { ok: true; parts: TemplatePart[] } | { ok: false; message: string; at: number };

export interface TemplateContext {
  /** 1 for the first record. */
  seq: number;
  now: () => number;
  /** A uniform number in [0, 1). */
  random: () => number;
  uuid: () => string;
}

interface FnSpec {
  args: 'none' | 'two-numbers' | 'strings-or-numbers' | 'one-number';
  help: string;
}

/** Every placeholder the language knows, with the help text the form shows. */
export const TEMPLATE_FUNCTIONS: Record<string, FnSpec> = {
  seq: { args: 'none', help: 'record number, 1, 2, 3, …' },
  index: { args: 'none', help: 'record number from 0' },
  uuid: { args: 'none', help: 'a random UUID' },
  now: { args: 'none', help: 'milliseconds since 1970' },
  'now.iso': { args: 'none', help: 'current time, ISO 8601' },
  'random.int': { args: 'two-numbers', help: 'random.int(1, 100): a whole number in the range' },
  'random.float': { args: 'two-numbers', help: 'random.float(0, 1): a number in the range' },
  'random.bool': { args: 'none', help: 'true or false' },
  'random.hex': { args: 'one-number', help: 'random.hex(8): that many hex digits' },
  pick: { args: 'strings-or-numbers', help: 'pick("a", "b"): one of the values' },
  firstName: { args: 'none', help: 'a first name' },
  lastName: { args: 'none', help: 'a last name' },
  name: { args: 'none', help: 'a full name (same person as firstName, lastName, email)' },
  email: { args: 'none', help: "the person's e-mail address" },
  company: { args: 'none', help: 'a company name' },
  city: { args: 'none', help: 'a city' },
  country: { args: 'none', help: 'a country code (ISO 3166)' },
  street: { args: 'none', help: 'a street address' },
  phone: { args: 'none', help: 'a phone number' },
  ipv4: { args: 'none', help: 'an IPv4 address' },
  word: { args: 'none', help: 'a word' },
  sentence: { args: 'none', help: 'a short sentence' },
};

const MAX_PLACEHOLDERS = 1000;

export function parseTemplate(src: string): TemplateParse {
  const parts: TemplatePart[] = [];
  let i = 0;
  let text = '';
  let count = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      text += src.slice(i);
      break;
    }
    text += src.slice(i, open);
    const close = src.indexOf('}}', open + 2);
    if (close < 0) return { ok: false, message: 'A {{ placeholder is missing its closing }}', at: open };
    if (++count > MAX_PLACEHOLDERS) {
      return { ok: false, message: `A template has at most ${MAX_PLACEHOLDERS} placeholders`, at: open };
    }
    const parsed = parsePlaceholder(src.slice(open + 2, close), open + 2);
    if ('message' in parsed) return { ok: false, ...parsed };
    if (text) parts.push({ text });
    text = '';
    parts.push(parsed);
    i = close + 2;
  }
  if (text) parts.push({ text });
  return { ok: true, parts };
}

/** True when the template has placeholders, i.e. records will differ. */
export function isDynamic(parts: TemplatePart[]): boolean {
  return parts.some((p) => 'fn' in p);
}

function parsePlaceholder(body: string, at: number): TemplatePart | { message: string; at: number } {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\s*(\(([\s\S]*)\))?\s*$/.exec(body);
  if (!m) return { message: `"{{${body}}}" is not a placeholder; try {{seq}}, {{uuid}} or {{random.int(1, 100)}}`, at };
  const fn = m[1]!;
  const spec = TEMPLATE_FUNCTIONS[fn];
  if (!spec)
    return { message: `Unknown placeholder "${fn}"; known: ${Object.keys(TEMPLATE_FUNCTIONS).join(', ')}`, at };
  const args = m[2] ? parseArgs(m[3]!) : [];
  if (typeof args === 'string') return { message: `${fn}: ${args}`, at };
  const bad = checkArgs(spec, args);
  if (bad) return { message: `${fn}: ${bad} (${spec.help})`, at };
  return { fn, args, at };
}

function parseArgs(src: string): TemplateArg[] | string {
  const out: TemplateArg[] = [];
  let i = 0;
  const skip = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  skip();
  if (i === src.length) return out;
  for (;;) {
    skip();
    const c = src[i];
    if (c === '"' || c === "'") {
      let s = '';
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j];
        j++;
      }
      if (j >= src.length) return 'a text argument is missing its closing quote';
      out.push(s);
      i = j + 1;
    } else {
      const n = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!n) return 'arguments are numbers or text in quotes';
      out.push(Number(n[0]));
      i += n[0].length;
    }
    skip();
    if (i === src.length) return out;
    if (src[i] !== ',') return 'separate arguments with commas';
    i++;
  }
}

function checkArgs(spec: FnSpec, args: TemplateArg[]): string | null {
  switch (spec.args) {
    case 'none':
      return args.length === 0 ? null : 'takes no arguments';
    case 'one-number':
      return args.length === 1 && typeof args[0] === 'number' && args[0] >= 1 && args[0] <= 64
        ? null
        : 'needs one whole number from 1 to 64';
    case 'two-numbers': {
      const [a, b] = args;
      if (args.length !== 2 || typeof a !== 'number' || typeof b !== 'number') return 'needs two numbers';
      return a <= b ? null : 'the first number must not be larger than the second';
    }
    case 'strings-or-numbers':
      return args.length >= 1 ? null : 'needs at least one value';
  }
}

/** One record's text. A person (name, email…) is drawn once per record so the fakes agree. */
export function renderTemplate(parts: TemplatePart[], ctx: TemplateContext): string {
  // No closures per record: a bulk send renders a million of these.
  const state: RenderState = { ctx, person: null };
  let out = '';
  for (const p of parts) out += 'text' in p ? p.text : evaluate(p.fn, p.args, state);
  return out;
}

interface RenderState {
  ctx: TemplateContext;
  person: Person | null;
}

function who(s: RenderState): Person {
  return (s.person ??= drawPerson(s.ctx.random));
}

interface Person {
  first: string;
  last: string;
  email: string;
}

function drawPerson(random: () => number): Person {
  const first = pickOne(FAKE_DATA.firstNames, random);
  const last = pickOne(FAKE_DATA.lastNames, random);
  const n = Math.floor(random() * 100);
  const domain = pickOne(FAKE_DATA.mailDomains, random);
  return { first, last, email: `${first}.${last}${n}@${domain}`.toLowerCase() };
}

function pickOne<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

function evaluate(fn: string, args: TemplateArg[], state: RenderState): string {
  const ctx = state.ctx;
  const r = ctx.random;
  switch (fn) {
    case 'seq':
      return String(ctx.seq);
    case 'index':
      return String(ctx.seq - 1);
    case 'uuid':
      return ctx.uuid();
    case 'now':
      return String(ctx.now());
    case 'now.iso':
      return new Date(ctx.now()).toISOString();
    case 'random.int': {
      const lo = Math.ceil(args[0] as number);
      const hi = Math.floor(args[1] as number);
      return String(lo + Math.floor(r() * (hi - lo + 1)));
    }
    case 'random.float': {
      const lo = args[0] as number;
      const hi = args[1] as number;
      return String(Math.round((lo + r() * (hi - lo)) * 100) / 100);
    }
    case 'random.bool':
      return r() < 0.5 ? 'true' : 'false';
    case 'random.hex':
      return Array.from({ length: args[0] as number }, () => Math.floor(r() * 16).toString(16)).join('');
    case 'pick':
      return String(pickOne(args, r));
    case 'firstName':
      return who(state).first;
    case 'lastName':
      return who(state).last;
    case 'name':
      return `${who(state).first} ${who(state).last}`;
    case 'email':
      return who(state).email;
    case 'company':
      return `${pickOne(FAKE_DATA.lastNames, r)} ${pickOne(FAKE_DATA.companySuffixes, r)}`;
    case 'city':
      return pickOne(FAKE_DATA.cities, r);
    case 'country':
      return pickOne(FAKE_DATA.countries, r);
    case 'street':
      return `${1 + Math.floor(r() * 240)} ${pickOne(FAKE_DATA.streets, r)}`;
    case 'phone':
      return `+1-${200 + Math.floor(r() * 800)}-555-${String(Math.floor(r() * 10000)).padStart(4, '0')}`;
    case 'ipv4':
      return `10.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;
    case 'word':
      return pickOne(FAKE_DATA.words, r);
    case 'sentence': {
      const n = 4 + Math.floor(r() * 6);
      const words = Array.from({ length: n }, () => pickOne(FAKE_DATA.words, r));
      const s = words.join(' ');
      return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
    }
    default:
      return '';
  }
}
