import { afterEach, describe, expect, it } from 'vitest';
import { harness, joinNew, type Harness } from '../testing/group-harness.js';
import { FIRST_ASSIGNMENT_WAIT_MS } from './rebalance.js';

/** A new group's first join waits until its members' clients were told about their topics. */
describe('the first join of a new group', () => {
  let h: Harness;
  const known = new Set<string>();
  afterEach(() => {
    h.cleanup();
    known.clear();
  });
  const start = () => {
    h = harness({
      initialRebalanceDelayMs: 0,
      clientKnowsTopic: (clientId, _host, topic) => known.has(`${clientId}/${topic}`),
    });
  };

  it('is answered at once when the client already asked for its topics (the usual case)', async () => {
    start();
    known.add('client/a');
    const { pending } = await joinNew(h);
    await h.clock.advance(0);
    expect(pending.value).toMatchObject({ errorCode: 0, generationId: 1 });
  });

  it('waits for the Metadata answer that tells the client about its topic, not longer', async () => {
    start();
    const { pending } = await joinNew(h);
    await h.clock.advance(500);
    expect(pending.done).toBe(false);
    known.add('client/a');
    h.gc.metadataServed();
    await h.clock.advance(10);
    expect(pending.value).toMatchObject({ errorCode: 0, generationId: 1 });
  });

  it('gives up waiting after Kafka default initial delay, so a client that never asks still gets in', async () => {
    start();
    const { pending } = await joinNew(h);
    await h.clock.advance(FIRST_ASSIGNMENT_WAIT_MS - 1);
    expect(pending.done).toBe(false);
    await h.clock.advance(1);
    expect(pending.value).toMatchObject({ errorCode: 0, generationId: 1 });
  });

  it('does not hold later rebalances', async () => {
    start();
    known.add('client/a');
    const first = await joinNew(h);
    await h.clock.advance(0);
    expect(first.pending.value?.generationId).toBe(1);
    known.clear();
    const second = await joinNew(h, { clientId: 'other' });
    const rejoin = h.gc.joinGroup({
      ...(await import('../testing/group-harness.js')).joinReq(),
      memberId: first.memberId,
    });
    await h.clock.advance(0);
    expect((await rejoin).generationId).toBe(2);
    expect(second.pending.value?.generationId).toBe(2);
  });
});
