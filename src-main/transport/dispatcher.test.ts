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
    const outcome = await dispatch('fs.readFile', { path: '/etc/passwd' });
    expect(outcome).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method: fs.readFile' } });
  });

  it('does not treat Object.prototype names as methods', async () => {
    const outcome = await createDispatcher(fakeImpl())('constructor', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('UNKNOWN_METHOD');
  });

  it('validates params and points at the wrong field', async () => {
    const create = vi.fn();
    const dispatch = createDispatcher(fakeImpl({ 'connections.create': create }));
    const outcome = await dispatch('connections.create', { name: 'dev', bootstrapServers: ['localhost'] });
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
    const outcome = await dispatch('produce.send', { clusterId: 'c', topic: 't', value: '{"a":', valueFormat: 'json' });
    expect(send).not.toHaveBeenCalled();
    expect(outcome.ok === false && outcome.error.field).toBe('value');
    expect(outcome.ok === false && outcome.error.message).toMatch(/^value: Value is not valid JSON/);
  });

  it('passes validated params with defaults applied and returns the result', async () => {
    const send = vi.fn(async (p: unknown) => ({ topic: 't', partition: 0, offset: '7', timestamp: 1, echo: p }));
    const dispatch = createDispatcher(fakeImpl({ 'produce.send': send as never }));
    const outcome = await dispatch('produce.send', { clusterId: 'c', topic: 't', value: 'hi' });
    expect(send).toHaveBeenCalledWith({
      clusterId: 'c',
      topic: 't',
      partition: null,
      key: null,
      value: 'hi',
      valueFormat: 'text',
      headers: [],
    });
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
    expect(await dispatch('topics.get', { clusterId: 'c', topic: 'orders' })).toEqual({
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
    const outcome = await dispatch('cluster.overview', { clusterId: 'c' });
    expect(outcome.ok === false && outcome.error.code).toBe('INTERNAL');
    expect(onUnexpectedError).toHaveBeenCalledOnce();
  });
});
