import { describe, expect, it } from 'vitest';
import type { ClientInfo } from '../apis/context.js';
import { ClientTopics } from './client-topics.js';

describe('what clients were told about topics', () => {
  const conn = (clientId: string): ClientInfo => ({ clientId, clientHost: '/127.0.0.1' });

  it('knows a topic a connection of the client was told about, on any of its open connections', () => {
    const t = new ClientTopics();
    const metadataConn = conn('app');
    t.record(metadataConn, [{ name: 'orders', errorCode: 0 }]);
    expect(t.knows('app', '/127.0.0.1', 'orders', true)).toBe(true);
    expect(t.knows('app', '/10.0.0.9', 'orders', true)).toBe(false);
    expect(t.knows('other', '/127.0.0.1', 'orders', true)).toBe(false);
    expect(t.knows('app', '/127.0.0.1', 'payments', true)).toBe(false);
  });

  it('a topic seen missing is known only while it is still missing', () => {
    const t = new ClientTopics();
    t.record(conn('app'), [{ name: 'later', errorCode: 3 }]);
    expect(t.knows('app', '/127.0.0.1', 'later', false)).toBe(true);
    expect(t.knows('app', '/127.0.0.1', 'later', true)).toBe(false);
  });

  it('forgets what a closed connection learnt: a new client with the same id starts from nothing', () => {
    const t = new ClientTopics();
    const old = conn('kafka-python-3.0.12');
    t.record(old, [{ name: 'orders', errorCode: 0 }]);
    old.closed = true;
    expect(t.knows('kafka-python-3.0.12', '/127.0.0.1', 'orders', true)).toBe(false);
  });
});
