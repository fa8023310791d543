import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProduceParamsSchema, type ProduceParams } from '../../contract/produce.js';
import { BROKER_KINDS, startHarnessOn } from '../testing/brokers.js';
import { appError, uniqueTopic, type Harness } from '../testing/harness.js';
import { kcatDump, kcatLoad } from '../testing/messages-helpers.js';

describe.each(BROKER_KINDS)('produce options on the %s broker', (kind) => {
  let h: Harness;
  let clusterId: string;
  beforeAll(async () => {
    h = await startHarnessOn(kind);
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });
  const send = (p: Omit<ProduceParams, 'clusterId'>) =>
    h.core['produce.send'](ProduceParamsSchema.parse({ clusterId, ...p }));

  it('every codec and acks setting, and idempotence, write records any client reads', async () => {
    const topic = uniqueTopic('options');
    await h.createTopic(topic, 1);
    const sent: string[] = [];
    for (const compression of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
      for (const acks of ['all', '1'] as const) {
        const value = `${compression}-${acks}-${'x'.repeat(200)}`;
        const r = await send({ topic, key: 'k', value, options: { acks, compression, idempotent: false } });
        expect(r.offset).toBe(String(sent.length));
        sent.push(value);
      }
    }
    const big = `lz4-big-${'0123456789abcdef'.repeat(20_000)}`;
    await send({ topic, value: big, options: { acks: 'all', compression: 'lz4', idempotent: false } });
    sent.push(big);
    const idem = await send({
      topic,
      value: 'idempotent',
      options: { acks: 'all', compression: 'lz4', idempotent: true },
    });
    expect(idem.offset).toBe(String(sent.length));
    sent.push('idempotent');
    const zero = await send({
      topic,
      key: 'k',
      value: 'acks0',
      options: { acks: '0', compression: 'none', idempotent: false },
    });
    expect(zero).toMatchObject({ offset: '-1', partition: 0 });
    sent.push('acks0');
    await new Promise((r) => setTimeout(r, 300));
    expect((await kcatDump(h.bootstrap, topic)).map((r) => r.value)).toEqual(sent);
    expect(
      ProduceParamsSchema.safeParse({ clusterId, topic, options: { acks: '1', compression: 'none', idempotent: true } })
        .error?.issues[0]?.message,
    ).toMatch(/Idempotence needs acks=all/);
  });

  it('too large for the topic: said after sending, and before sending when acks=0 would hide it', async () => {
    const topic = uniqueTopic('too-large');
    await h.createTopic(topic, 1, { 'max.message.bytes': String(64 * 1024) });
    const value = 'y'.repeat(100 * 1024);
    const after = await appError(() => send({ topic, value }));
    expect(after).toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    const before = await appError(() =>
      send({ topic, value, options: { acks: '0', compression: 'none', idempotent: false } }),
    );
    expect(before.code).toBe('MESSAGE_TOO_LARGE');
    expect(before.message).toMatch(/accepts at most 64 KiB \(max\.message\.bytes\)\. With acks=0/);
    // A value above what Samsa sends at all is refused at the boundary, with its size.
    expect(
      ProduceParamsSchema.safeParse({ clusterId, topic, value: 'z'.repeat(9 * 1024 * 1024) }).error?.issues[0]?.message,
    ).toBe('The value is 9 MiB; Samsa sends at most 8 MiB.');
  });

  it('context: partitions, max.message.bytes and a format guessed from recent values', async () => {
    const json = uniqueTopic('ctx-json');
    const plain = uniqueTopic('ctx-text');
    const empty = uniqueTopic('ctx-empty');
    await h.createTopic(json, 2, { 'max.message.bytes': '200000' });
    await h.createTopic(plain, 1);
    await h.createTopic(empty, 1);
    await kcatLoad(
      h.bootstrap,
      json,
      Array.from({ length: 30 }, (_, i) => `k\t{"n":${i}}`),
    );
    await kcatLoad(h.bootstrap, plain, ['k\t{"n":1}', 'k\thello']);
    expect(await h.core['produce.context']({ clusterId, topic: json })).toEqual({
      partitions: 2,
      maxMessageBytes: 200000,
      suggestedFormat: 'json',
    });
    expect((await h.core['produce.context']({ clusterId, topic: plain })).suggestedFormat).toBe('text');
    expect((await h.core['produce.context']({ clusterId, topic: empty })).suggestedFormat).toBeNull();
  });

  it('recent sends: newest first, with what was sent', async () => {
    const topic = uniqueTopic('history');
    await h.createTopic(topic, 1);
    await send({ topic, key: 'a', value: '{"v":1}', valueFormat: 'json', headers: [{ key: 'h', value: '1' }] });
    await send({ topic, key: null, value: 'second' });
    const list = await h.core['produce.history']({ clusterId, topic });
    expect(list.map((s) => (s.kind === 'single' ? [s.key, s.value, s.offset] : null))).toEqual([
      [null, 'second', '1'],
      ['a', '{"v":1}', '0'],
    ]);
    expect(list[1]).toMatchObject({ valueFormat: 'json', headers: [{ key: 'h', value: '1' }], valueCut: false });
  });
});
