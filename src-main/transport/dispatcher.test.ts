import { describe, expect, it, vi } from 'vitest';
import { AppError, type ApiImplementation } from '../contract/index.js';
import { createDispatcher } from './dispatcher.js';

function fakeImpl(overrides: Partial<ApiImplementation> = {}): ApiImplementation {
  const unused = async () => {
    throw new Error('not used in this test');
  };
  return new Proxy(overrides as ApiImplementation, {
    get: (target, prop: string) => (target as Record<string, unknown>)[prop] ?? unused,
  });
}

describe('dispatcher', () => {
  it('rejects an unknown method without calling anything', async () => {
    const dispatch = createDispatcher(fakeImpl());
    const outcome = await dispatch.call('fs.readFile', { path: '/etc/passwd' });
    expect(outcome).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method: fs.readFile' } });
  });

  it('does not treat Object.prototype names as methods', async () => {
    const outcome = await createDispatcher(fakeImpl()).call('constructor', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('UNKNOWN_METHOD');
  });

  it('validates params and points at the wrong field', async () => {
    const create = vi.fn();
    const dispatch = createDispatcher(fakeImpl({ 'connections.create': create }));
    const outcome = await dispatch.call('connections.create', { name: 'dev', bootstrapServers: ['localhost'] });
    expect(create).not.toHaveBeenCalled();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('VALIDATION');
      expect(outcome.error.field).toBe('bootstrapServers.0');
      expect(outcome.error.message).toContain('host:port');
    }
  });

  it('rejects invalid JSON when the value is marked JSON', async () => {
    const send = vi.fn();
    const dispatch = createDispatcher(fakeImpl({ 'produce.send': send }));
    const outcome = await dispatch.call('produce.send', {
      clusterId: 'c',
      topic: 't',
      value: '{"a":',
      valueFormat: 'json',
    });
    expect(send).not.toHaveBeenCalled();
    expect(outcome.ok === false && outcome.error.field).toBe('value');
    expect(outcome.ok === false && outcome.error.message).toMatch(/^value: Value is not valid JSON/);
  });

  it('passes validated params with defaults applied and returns the result', async () => {
    const send = vi.fn(async (p: unknown) => ({ topic: 't', partition: 0, offset: '7', timestamp: 1, echo: p }));
    const dispatch = createDispatcher(fakeImpl({ 'produce.send': send as never }));
    const outcome = await dispatch.call('produce.send', { clusterId: 'c', topic: 't', value: 'hi' });
    expect(send).toHaveBeenCalledWith(
      {
        clusterId: 'c',
        topic: 't',
        partition: null,
        key: null,
        value: 'hi',
        valueFormat: 'text',
        headers: [],
      },
      { signal: expect.any(AbortSignal) },
    );
    expect(outcome.ok && (outcome.result as { offset: string }).offset).toBe('7');
  });

  it('keeps AppError codes and messages for people', async () => {
    const dispatch = createDispatcher(
      fakeImpl({
        'topics.get': async () => {
          throw new AppError('NOT_FOUND', 'Topic "orders" does not exist.');
        },
      }),
    );
    expect(await dispatch.call('topics.get', { clusterId: 'c', topic: 'orders' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Topic "orders" does not exist.' },
    });
  });

  it('maps unexpected exceptions to INTERNAL and reports them', async () => {
    const onUnexpectedError = vi.fn();
    const dispatch = createDispatcher(
      fakeImpl({
        'cluster.overview': async () => {
          throw new TypeError('x is undefined');
        },
      }),
      { onUnexpectedError },
    );
    const outcome = await dispatch.call('cluster.overview', { clusterId: 'c' });
    expect(outcome.ok === false && outcome.error.code).toBe('INTERNAL');
    expect(onUnexpectedError).toHaveBeenCalledOnce();
  });

  it('passes a signal; a call that is cancelled answers CANCELLED whatever the implementation threw', async () => {
    let seen: AbortSignal | undefined;
    const dispatch = createDispatcher(
      fakeImpl({
        'topics.list': (_p, { signal }) =>
          new Promise((_, reject) => {
            seen = signal;
            signal.addEventListener('abort', () => reject(new Error('socket closed')));
          }),
      }),
    );
    const abort = new AbortController();
    const outcome = dispatch.call('topics.list', { clusterId: 'c' }, abort.signal);
    await vi.waitFor(() => expect(seen).toBeDefined());
    abort.abort();
    expect(await outcome).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } });
  });
});

function recordingSink() {
  const batches: unknown[][] = [];
  const ends: unknown[] = [];
  return {
    batches,
    ends,
    sink: {
      items: (items: unknown[]) => batches.push(items),
      end: (e?: unknown) => ends.push(e ?? null),
      writable: async () => {},
    },
  };
}

describe('dispatcher subscriptions', () => {
  it('refuses unknown names and invalid params without starting anything', () => {
    const tail = vi.fn();
    const dispatch = createDispatcher(fakeImpl({ 'sandbox.tailLog': tail }));
    const r = recordingSink();
    expect(dispatch.subscribe('fs.watch', {}, r.sink)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(dispatch.subscribe('sandbox.tailLog', { backlog: -1 }, r.sink)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'backlog' },
    });
    expect(tail).not.toHaveBeenCalled();
  });

  it('batches items emitted in one turn, applies defaults, and ends when the implementation returns', async () => {
    const dispatch = createDispatcher(
      fakeImpl({
        'sandbox.tailLog': async (params, ctx) => {
          for (let i = 0; i < 3; i++) ctx.emit({ time: i, level: 'info', text: `${params.backlog}:${i}` });
          await ctx.whenWritable();
          ctx.emit({ time: 3, level: 'info', text: 'last' });
        },
      }),
    );
    const r = recordingSink();
    expect(dispatch.subscribe('sandbox.tailLog', {}, r.sink).ok).toBe(true);
    await vi.waitFor(() => expect(r.ends).toEqual([null]));
    expect(r.batches.map((b) => b.map((l) => (l as { text: string }).text))).toEqual([
      ['500:0', '500:1', '500:2'],
      ['last'],
    ]);
  });

  it('splits a burst into batches of at most 500 items', async () => {
    const dispatch = createDispatcher(
      fakeImpl({
        'sandbox.tailLog': async (_p, ctx) => {
          for (let i = 0; i < 1200; i++) ctx.emit({ time: i, level: 'info', text: String(i) });
        },
      }),
    );
    const r = recordingSink();
    dispatch.subscribe('sandbox.tailLog', {}, r.sink);
    await vi.waitFor(() => expect(r.ends).toHaveLength(1));
    expect(r.batches.map((b) => b.length)).toEqual([500, 500, 200]);
  });

  it('ends with the error an implementation throws, worded for people', async () => {
    const dispatch = createDispatcher(
      fakeImpl({
        'sandbox.tailLog': async () => {
          throw new AppError('SANDBOX_ERROR', 'The sandbox is not running.');
        },
      }),
    );
    const r = recordingSink();
    dispatch.subscribe('sandbox.tailLog', {}, r.sink);
    await vi.waitFor(() => expect(r.ends).toEqual([{ code: 'SANDBOX_ERROR', message: 'The sandbox is not running.' }]));
  });

  it('stop aborts the implementation and nothing more reaches the sink', async () => {
    let signal: AbortSignal | undefined;
    let emit: ((item: never) => void) | undefined;
    const dispatch = createDispatcher(
      fakeImpl({
        'sandbox.tailLog': (_p, ctx) => {
          signal = ctx.signal;
          emit = ctx.emit as never;
          return new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        },
      }),
    );
    const r = recordingSink();
    const sub = dispatch.subscribe('sandbox.tailLog', {}, r.sink);
    if (!sub.ok) throw new Error('did not start');
    sub.stop();
    expect(signal?.aborted).toBe(true);
    emit?.({ time: 1, level: 'info', text: 'late' } as never);
    await new Promise((r2) => setTimeout(r2, 10));
    expect(r.batches).toEqual([]);
    expect(r.ends).toEqual([]);
  });
});
