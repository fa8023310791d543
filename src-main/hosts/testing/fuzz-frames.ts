/**
 * Random and mutated WebSocket input for the browser-mode fuzz test, from a seeded generator so
 * a failing run can be replayed with the seed it prints. Each action is what one client does
 * next: send a text frame (well-formed or not), bytes that are not UTF-8, a binary or oversized
 * frame, a fragmented message, a burst of calls/cancels/subscriptions in an odd order, or hang up
 * in the middle of a call.
 */

/** mulberry32: small, fast, good enough to pick test cases. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!,
  };
}
export type Random = ReturnType<typeof seededRandom>;

export type FuzzAction =
  | { kind: 'text'; label: string; data: string | Buffer }
  | { kind: 'binary'; label: string; data: Buffer }
  | { kind: 'fragmented'; label: string; parts: string[] }
  | { kind: 'ping'; label: string; data: Buffer }
  | { kind: 'burst'; label: string; frames: string[] }
  | { kind: 'hang-up'; label: string; frame: string };

/** Frames an action puts on the wire. */
export function frameCount(a: FuzzAction): number {
  if (a.kind === 'burst') return a.frames.length;
  if (a.kind === 'fragmented') return a.parts.length;
  return 1;
}

const FAKE_PEM = '-----BEGIN CERTIFICATE-----\nTUlJQnN6Q0NBVm1nQXdJQkFnSVU=\n-----END CERTIFICATE-----\n';

/**
 * Methods whose valid calls are cheap and harmless (nothing starts, nothing is deleted that the
 * test relies on). The sandbox's start/stop/reset/sample data are sent only with params that can
 * never be valid (not an object), so the fuzzer never starts a broker.
 */
function templates(clusterId: string): Record<string, () => unknown> {
  const conn = () => ({ name: 'fuzz', bootstrapServers: ['127.0.0.1:1'], tls: false, sasl: null });
  return {
    'app.info': () => ({}),
    'connections.list': () => ({}),
    'sandbox.status': () => ({}),
    'connections.create': conn,
    'connections.update': () => ({ id: clusterId, input: conn() }),
    'connections.remove': () => ({ id: 'no-such-connection' }),
    'connections.test': () => ({
      ...conn(),
      tls: true,
      tlsOptions: { caPem: FAKE_PEM, verification: 'full' },
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    }),
    'cluster.overview': () => ({ clusterId }),
    'topics.list': () => ({ clusterId }),
    'topics.get': () => ({ clusterId, topic: 'orders' }),
    'messages.newest': () => ({ clusterId, topic: 'orders', limit: 5, partition: null }),
    'produce.send': () => ({
      clusterId,
      topic: 'orders',
      partition: 0,
      key: 'k',
      value: '{"a":1}',
      valueFormat: 'json',
      headers: [{ key: 'h', value: 'v' }],
    }),
  };
}

const NEVER_VALID_METHODS = ['sandbox.start', 'sandbox.stop', 'sandbox.reset', 'sandbox.loadSampleData'];
// Not null: a call without params (null or missing) means {} and would be valid.
const NOT_AN_OBJECT: unknown[] = [5, 'x', [], [{}], true, 0];
const WEIRD_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  'app.info ',
  'APP.INFO',
  'app',
  'app.info.x',
  'sandbox.tailLog',
  'connections.test\u0000',
  '\u{1F4A5}',
  '\ud800',
];

function randomString(r: Random, max = 40): string {
  const alphabets = [
    'abcdefghijklmnopqrstuvwxyz',
    '0123456789:.-_[]{}"\\/',
    '\u00e9\u20ac\u{1F600}\u0000\u2028\ud800\udfff',
  ];
  let s = '';
  const n = r.int(max);
  for (let i = 0; i < n; i++) {
    const a = r.pick(alphabets);
    s += a[r.int(a.length)] ?? '';
  }
  return s;
}

/** A value of any JSON type, sometimes deeply nested or large. */
function randomValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 3 ? 7 : 9)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, 65536, 4294967296]);
    case 3:
      return randomString(r);
    case 4:
      return 'x'.repeat(r.pick([0, 255, 4097, 70_000, 1_100_000]));
    case 5:
      // JSON.parse makes "__proto__" an own key, as a hostile client's frame would.
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    case 6:
      return [];
    case 7:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[randomString(r, 12)] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** Changes one place in a (cloned) value: drop, retype, enlarge, or add a key. */
function mutate(r: Random, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || r.chance(0.15)) return randomValue(r);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const key = keys.length > 0 && r.chance(0.85) ? r.pick(keys) : randomString(r, 10);
  const target = copy as Record<string, unknown>;
  const roll = r.int(4);
  if (roll === 0) delete target[key];
  else if (roll === 1) target[key] = randomValue(r);
  else target[key] = mutate(r, target[key]);
  return copy;
}

function deepNesting(r: Random): string {
  const n = r.pick([1_000, 100_000, 2_000_000]);
  return `{"type":"call","id":1,"method":"app.info","params":${'['.repeat(n)}${']'.repeat(n)}}`;
}

export interface FuzzBudget {
  /** Frames of several MiB: a handful is enough and keeps the run fast. */
  huge: number;
  /** Frames over the server's maximum payload (64 MiB). */
  oversized: number;
}

/**
 * 'framed': only well-formed frames (JSON objects with a type), so the socket stays open and
 * every answer can be checked. 'anything': also what makes the server close the socket.
 */
export type FuzzMix = 'framed' | 'anything';

/** Actions that end with the server (or the client) closing the socket. */
const CLOSES_SOCKET = new Set([
  'bad JSON',
  'deep nesting',
  'invalid UTF-8',
  'binary frame',
  'hang up mid-call',
  'huge string',
  'oversized frame',
  'mutated frame',
]);

export function makeFuzzer(seed: number, clusterId: string, budget: FuzzBudget, mix: FuzzMix = 'anything') {
  const r = seededRandom(seed);
  const t = templates(clusterId);
  const names = Object.keys(t);
  let id = 1;
  const nextId = () => (r.chance(0.05) ? r.pick([0, 1, 2, 2 ** 31, Number.MAX_SAFE_INTEGER]) : id++);
  const validCall = () => {
    const method = r.pick(names);
    return { type: 'call', id: nextId(), method, params: t[method]!() };
  };
  const json = (v: unknown) => JSON.stringify(v);

  const generators: Array<[weight: number, make: () => FuzzAction | null]> = [
    [14, () => ({ kind: 'text', label: 'valid call', data: json(validCall()) })],
    [
      24,
      () => {
        const c = validCall();
        return { kind: 'text', label: 'mutated params', data: json({ ...c, params: mutate(r, c.params) }) };
      },
    ],
    [10, () => ({ kind: 'text', label: 'mutated frame', data: json(mutate(r, validCall())) })],
    [
      6,
      () => ({
        kind: 'text',
        label: 'unknown method',
        data: json({
          type: r.pick(['call', 'subscribe']),
          id: nextId(),
          method: r.pick(WEIRD_NAMES),
          name: r.pick(WEIRD_NAMES),
          params: {},
        }),
      }),
    ],
    [
      3,
      () => ({
        kind: 'text',
        label: 'never-valid sandbox call',
        data: json({ type: 'call', id: nextId(), method: r.pick(NEVER_VALID_METHODS), params: r.pick(NOT_AN_OBJECT) }),
      }),
    ],
    [
      8,
      () => {
        const s = json(validCall());
        const choices = [
          s.slice(0, r.int(s.length)),
          `${s}}`,
          s.replace(/"/g, "'"),
          randomString(r, 200),
          '',
          'null',
          '[]',
          '"call"',
          '1e999',
          `{"type":"call","id":1,"method":"app.info","params":{},"params":1}`,
        ];
        return { kind: 'text', label: 'bad JSON', data: r.pick(choices) };
      },
    ],
    [1, () => ({ kind: 'text', label: 'deep nesting', data: deepNesting(r) })],
    [
      6,
      () => {
        const bytes = Buffer.from(json(validCall()));
        const at = r.int(bytes.length);
        const bad = r.pick([[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]]);
        return {
          kind: 'text',
          label: 'invalid UTF-8',
          data: Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]),
        };
      },
    ],
    [2, () => ({ kind: 'binary', label: 'binary frame', data: Buffer.from(json(validCall())) })],
    [2, () => ({ kind: 'ping', label: 'ping', data: Buffer.from(randomString(r, 100)).subarray(0, 125) })],
    [
      3,
      () => {
        const s = json(validCall());
        const cut = 1 + r.int(s.length - 1);
        return { kind: 'fragmented', label: 'fragmented message', parts: [s.slice(0, cut), s.slice(cut)] };
      },
    ],
    [3, () => oddOrder()],
    [2, () => ({ kind: 'hang-up', label: 'hang up mid-call', frame: json(validCall()) })],
    [
      1,
      () => {
        if (mix === 'framed' || budget.huge <= 0) return null;
        budget.huge--;
        const size = r.pick([1, 4, 16]) * 1024 * 1024;
        const c = validCall();
        const where = r.int(3);
        const big = 'y'.repeat(size);
        const frame =
          where === 0
            ? { ...c, method: big }
            : where === 1
              ? { ...c, params: { ...(c.params as object), value: big, name: big } }
              : { ...c, id: big };
        return { kind: 'text', label: 'huge string', data: json(frame) };
      },
    ],
    [
      1,
      () => {
        if (mix === 'framed' || budget.oversized <= 0) return null;
        budget.oversized--;
        return { kind: 'text', label: 'oversized frame', data: Buffer.alloc(64 * 1024 * 1024 + 1 + r.int(1024), 0x20) };
      },
    ],
  ];
  const total = generators.reduce((n, [w]) => n + w, 0);

  /** Calls, cancels, subscriptions and unsubscriptions in orders no real client uses. */
  function oddOrder(): FuzzAction {
    const a = id++;
    const b = id++;
    const call = (i: number) =>
      json({ type: 'call', id: i, method: 'connections.test', params: t['connections.test']!() });
    const sub = (i: number) =>
      json({ type: 'subscribe', id: i, name: 'sandbox.tailLog', params: { backlog: r.int(3000) } });
    const cancel = (i: number) => json({ type: 'cancel', id: i });
    const unsub = (i: number) => json({ type: 'unsubscribe', id: i });
    const sequences: string[][] = [
      [cancel(a), call(a), cancel(a), cancel(a)],
      [sub(a), sub(a), unsub(a), unsub(a), unsub(a)],
      [call(a), call(a), cancel(a)],
      [sub(a), cancel(a), call(a), unsub(a), cancel(a)],
      [unsub(b), call(b), sub(b), unsub(b), cancel(b)],
      [sub(a), unsub(b), sub(b), unsub(a), unsub(b)],
      Array.from({ length: 70 }, (_, i) => call(id + i)).concat(Array.from({ length: 70 }, (_, i) => cancel(id + i))),
      Array.from({ length: 40 }, (_, i) => sub(id + 100 + i)).concat(
        Array.from({ length: 40 }, (_, i) => unsub(id + 100 + i)),
      ),
    ];
    // The long ones (over the in-flight limits) now and then; the short ones often.
    const frames = r.chance(0.1) ? r.pick(sequences.slice(6)) : r.pick(sequences.slice(0, 6));
    id += 200;
    return { kind: 'burst', label: 'odd order', frames };
  }

  return {
    next(): FuzzAction {
      for (;;) {
        let roll = r.int(total);
        for (const [w, make] of generators) {
          if (roll < w) {
            const action = make();
            if (action && (mix === 'anything' || !CLOSES_SOCKET.has(action.label))) return action;
            break;
          }
          roll -= w;
        }
      }
    },
  };
}
