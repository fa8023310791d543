import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MESSAGE_LIMITS,
  TailParamsSchema,
  type KafkaMessage,
  type Position,
  type TailUpdate,
} from '../../contract/messages.js';
import { BROKER_KINDS, startHarnessOn } from '../testing/brokers.js';
import { uniqueTopic, type Harness } from '../testing/harness.js';
import { plainProducer, refOf, text } from '../testing/messages-helpers.js';

const until = async (check: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(BROKER_KINDS)('live tail on the %s broker', (kind) => {
  let h: Harness;
  let clusterId: string;
  let tails = 0;
  beforeAll(async () => {
    h = await startHarnessOn(kind);
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });

  function startTail(topic: string, opts: { window?: number; from?: Position[] | null } = {}) {
    const abort = new AbortController();
    const updates: TailUpdate[] = [];
    const tailId = `test-tail-${kind}-${++tails}`;
    const done = h.core['messages.tail'](
      TailParamsSchema.parse({ clusterId, topic, tailId, window: opts.window, from: opts.from ?? null }),
      { signal: abort.signal, emit: (u) => updates.push(u), whenWritable: async () => undefined },
    );
    const last = () => updates.at(-1);
    /** Every record in the window, oldest first, read as the window reads it: by number, in pages. */
    const windowRows = async () => {
      const u = last()!;
      const out: KafkaMessage[] = [];
      for (let from = u.received - u.count; from < u.received; from += MESSAGE_LIMITS.tailRowsPerCall) {
        const got = await h.core['messages.tailRows']({ tailId, from, count: MESSAGE_LIMITS.tailRowsPerCall });
        expect(got.from).toBe(from);
        out.push(...got.messages.slice(0, u.received - from));
      }
      return out;
    };
    const pause = (paused: boolean) => h.core['messages.tailPause']({ tailId, paused });
    const stop = async () => {
      abort.abort();
      await done;
    };
    return { tailId, updates, last, windowRows, pause, stop };
  }

  /** A tail that has read its start positions (its first update came). */
  async function runningTail(topic: string, opts: { window?: number; from?: Position[] | null } = {}) {
    const t = startTail(topic, opts);
    await until(() => t.updates.length > 0);
    return t;
  }

  it('keeps every new record in its window, each partition in order, none lost or doubled; the window sees counts and the newest rows', async () => {
    const topic = uniqueTopic('tail');
    await h.createTopic(topic, 3);
    const p = await plainProducer(h.bootstrap);
    await p.send({ topic, messages: [{ value: 'before' }] }); // not part of the tail
    const t = await runningTail(topic, { window: 5000 });
    for (let burst = 0; burst < 10; burst++) {
      await p.send({
        topic,
        messages: Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 7}`, value: `a${burst * 300 + i}` })),
      });
    }
    await until(() => t.last()!.received >= 3000);
    const got = await t.windowRows();
    expect(got).toHaveLength(3000);
    expect(new Set(got.map(refOf)).size).toBe(3000);
    expect(got.some((m) => text(m.value) === 'before')).toBe(false);
    for (const part of [0, 1, 2]) {
      const offs = got.filter((m) => m.partition === part).map((m) => BigInt(m.offset));
      expect(offs.every((o, i) => i === 0 || o === offs[i - 1]! + 1n)).toBe(true);
    }
    // An update carries the newest rows, newest first: the same records the window holds.
    const u = t.last()!;
    expect(u.count).toBe(3000);
    expect(u.newest).toHaveLength(MESSAGE_LIMITS.tailNewestRows);
    expect(u.newest.map(refOf)).toEqual(got.slice(-MESSAGE_LIMITS.tailNewestRows).reverse().map(refOf));
    await t.stop();
    await p.disconnect();
  });

  it('a paused tail holds its window and reads nothing; resumed, it goes on where it stopped', async () => {
    const topic = uniqueTopic('tail-pause');
    await h.createTopic(topic, 3);
    const p = await plainProducer(h.bootstrap);
    const t = await runningTail(topic);
    await p.send({ topic, messages: Array.from({ length: 200 }, (_, i) => ({ value: `a${i}` })) });
    await until(() => t.last()!.received >= 200);
    await t.pause(true);
    await until(() => t.last()!.paused);
    await p.send({ topic, messages: Array.from({ length: 500 }, (_, i) => ({ value: `b${i}` })) });
    await new Promise((r) => setTimeout(r, 1200));
    expect(t.last()!.received).toBe(200);
    await t.pause(false);
    await until(() => t.last()!.received >= 700);
    await p.send({ topic, messages: [{ value: 'c' }] });
    await until(() => t.last()!.received >= 701);
    const values = (await t.windowRows()).map((m) => text(m.value));
    expect(values.slice(200).sort()).toEqual([...Array.from({ length: 500 }, (_, i) => `b${i}`), 'c'].sort());
    expect(t.last()).toMatchObject({ received: 701, count: 701, paused: false });

    // A new tail started from the positions an update named reads only what came after them.
    const from = t.last()!.next;
    await t.stop();
    await p.send({ topic, messages: [{ value: 'd' }] });
    const again = startTail(topic, { from });
    await until(() => (again.last()?.received ?? 0) >= 1);
    expect((await again.windowRows()).map((m) => text(m.value))).toEqual(['d']);
    await again.stop();
    await p.disconnect();
  });

  it('keeps the newest N of a burst, counts the rest, and answers only for rows still in the window', async () => {
    const topic = uniqueTopic('tail-window');
    await h.createTopic(topic, 1);
    const p = await plainProducer(h.bootstrap);
    const t = await runningTail(topic, { window: 1000 });
    await p.send({ topic, messages: Array.from({ length: 3000 }, (_, i) => ({ value: `v${i}` })) });
    await until(() => t.last()!.received >= 3000);
    expect(t.last()).toMatchObject({ received: 3000, count: 1000 });
    const early = await h.core['messages.tailRows']({ tailId: t.tailId, from: 0, count: 500 });
    expect(early.messages).toEqual([]);
    const edge = await h.core['messages.tailRows']({ tailId: t.tailId, from: 1990, count: 20 });
    expect(edge.from).toBe(2000);
    expect(edge.messages.map((m) => text(m.value))).toEqual(Array.from({ length: 10 }, (_, i) => `v${2000 + i}`));
    await t.stop();
    // A stopped tail is gone: its rows cannot be asked for any more.
    await expect(h.core['messages.tailRows']({ tailId: t.tailId, from: 0, count: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await p.disconnect();
  });

  it('stops polling soon after the window unsubscribes', async () => {
    const topic = uniqueTopic('tail-stop');
    await h.createTopic(topic, 1);
    const t = startTail(topic);
    await new Promise((r) => setTimeout(r, 200));
    const asked = Date.now();
    await t.stop();
    expect(Date.now() - asked).toBeLessThan(1000);
  });
});
