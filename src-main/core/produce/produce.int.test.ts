import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError, startHarness, text, uniqueTopic, type Harness } from '../testing/harness.js';

// A broker that WOULD auto-create topics, to prove that producing never creates one.
let h: Harness;
let clusterId: string;
let topic: string;
beforeAll(async () => {
  h = await startHarness({ kafka: { autoCreateTopics: true } });
  clusterId = await h.connect();
  topic = uniqueTopic('produce');
  await h.createTopic(topic, 2);
});
afterAll(async () => {
  await h?.close();
});

const base = { partition: null, key: null, value: null, valueFormat: 'text' as const, headers: [] };

describe('produce on a real Kafka', () => {
  it('returns partition, offset and timestamp, and the record is there', async () => {
    const before = Date.now();
    const r = await h.core['produce.send']({
      ...base,
      clusterId,
      topic,
      partition: 1,
      key: 'k',
      value: '{"a":1}',
      valueFormat: 'json',
    });
    expect(r).toMatchObject({ topic, partition: 1, offset: '0' });
    expect(r.timestamp).toBeGreaterThanOrEqual(before);
    const again = await h.core['produce.send']({ ...base, clusterId, topic, partition: 1, value: 'x' });
    expect(again.offset).toBe('1');
    const read = await h.core['messages.newest']({ clusterId, topic, limit: 10, partition: 1 });
    expect(read.messages.map((m) => text(m.value))).toEqual(['x', '{"a":1}']);
  });

  it('automatic partitioning keeps one key on one partition', async () => {
    const parts = new Set<number>();
    for (let i = 0; i < 5; i++)
      parts.add(
        (await h.core['produce.send']({ ...base, clusterId, topic, key: 'same-key', value: `${i}` })).partition,
      );
    expect(parts.size).toBe(1);
  });

  it('an unknown topic is NOT_FOUND and is not auto-created', async () => {
    const missing = uniqueTopic('nope');
    const err = await appError(() => h.core['produce.send']({ ...base, clusterId, topic: missing, value: 'v' }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe(`Topic "${missing}" does not exist.`);
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.admin.listTopics()).not.toContain(missing);
    // Reading a missing topic does not create it either.
    expect(
      (await appError(() => h.core['messages.newest']({ clusterId, topic: missing, limit: 5, partition: null }))).code,
    ).toBe('NOT_FOUND');
    expect(await h.admin.listTopics()).not.toContain(missing);
  });

  it('a partition that does not exist is a VALIDATION error on the partition field', async () => {
    const err = await appError(() => h.core['produce.send']({ ...base, clusterId, topic, partition: 5, value: 'v' }));
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe('partition');
    expect(err.message).toBe(`Topic "${topic}" has 2 partitions (0 to 1); partition 5 does not exist.`);
  });

  it('invalid JSON is a VALIDATION error on the value field', async () => {
    const err = await appError(() =>
      h.core['produce.send']({ ...base, clusterId, topic, value: '{"a":', valueFormat: 'json' }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe('value');
    expect(err.message).toMatch(/^Value is not valid JSON: /);
  });

  it('a record above max.message.bytes is MESSAGE_TOO_LARGE with a clear message', async () => {
    const err = await appError(() =>
      h.core['produce.send']({ ...base, clusterId, topic, value: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(err.code).toBe('MESSAGE_TOO_LARGE');
    expect(err.message).toBe('The record is larger than the broker accepts (max.message.bytes).');
    // The connection stays usable afterwards.
    expect((await h.core['produce.send']({ ...base, clusterId, topic, value: 'small' })).offset).toMatch(/^\d+$/);
  });
});
