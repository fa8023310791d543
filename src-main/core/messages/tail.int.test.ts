import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TailParamsSchema, type TailItem } from '../../contract/messages.js';
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
  beforeAll(async () => {
    h = await startHarnessOn(kind);
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });

  function startTail(topic: string, from: { partition: number; offset: string }[] | null = null) {
    const abort = new AbortController();
    const items: TailItem[] = [];
    const done = h.core['messages.tail'](TailParamsSchema.parse({ clusterId, topic, from }), {
      signal: abort.signal,
      emit: (i) => items.push(i),
      whenWritable: async () => undefined,
    });
    return { items, stop: () => abort.abort(), done, messages: () => items.flatMap((i) => i.messages) };
  }

  it('streams only new records, each partition in order, none lost or doubled; a paused tail resumes where it stopped', async () => {
    const topic = uniqueTopic('tail');
    await h.createTopic(topic, 3);
    const p = await plainProducer(h.bootstrap);
    await p.send({ topic, messages: [{ value: 'before' }] }); // not part of the tail
    const first = startTail(topic);
    await new Promise((r) => setTimeout(r, 300)); // the tail has read the end positions
    for (let burst = 0; burst < 10; burst++) {
      await p.send({
        topic,
        messages: Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 7}`, value: `a${burst * 300 + i}` })),
      });
    }
    await until(() => first.messages().length >= 3000);
    first.stop();
    await first.done;
    const got = first.messages();
    expect(got).toHaveLength(3000);
    expect(new Set(got.map(refOf)).size).toBe(3000);
    expect(got.some((m) => text(m.value) === 'before')).toBe(false);
    for (const part of [0, 1, 2]) {
      const offs = got.filter((m) => m.partition === part).map((m) => BigInt(m.offset));
      expect(offs.every((o, i) => i === 0 || o === offs[i - 1]! + 1n)).toBe(true);
    }

    // Paused: records written meanwhile arrive after resuming from the last `next` positions.
    await p.send({ topic, messages: Array.from({ length: 500 }, (_, i) => ({ value: `b${i}` })) });
    const resumed = startTail(topic, first.items.at(-1)!.next);
    await until(() => resumed.messages().length >= 500);
    await p.send({ topic, messages: [{ value: 'c' }] });
    await until(() => resumed.messages().length >= 501);
    resumed.stop();
    await resumed.done;
    expect(
      resumed
        .messages()
        .map((m) => text(m.value))
        .sort(),
    ).toEqual([...Array.from({ length: 500 }, (_, i) => `b${i}`), 'c'].sort());
    await p.disconnect();
  });

  it('stops polling soon after the window unsubscribes', async () => {
    const topic = uniqueTopic('tail-stop');
    await h.createTopic(topic, 1);
    const t = startTail(topic);
    await new Promise((r) => setTimeout(r, 200));
    const asked = Date.now();
    t.stop();
    await t.done;
    expect(Date.now() - asked).toBeLessThan(1000);
  });
});
