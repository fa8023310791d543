import { describe, expect, it } from 'vitest';
import { AlterConfigsParamsSchema } from './configs.js';
import {
  collidingTopic,
  CreateTopicParamsSchema,
  DeleteTopicParamsSchema,
  PurgeParamsSchema,
  topicNameProblem,
} from './topics.js';

describe('topic names', () => {
  it("follows Kafka's rules with a sentence for each", () => {
    expect(topicNameProblem('orders.v1_created-2')).toBeNull();
    expect(topicNameProblem('')).toBe('Enter a name.');
    expect(topicNameProblem('.')).toMatch(/cannot be named/);
    expect(topicNameProblem('..')).toMatch(/cannot be named/);
    expect(topicNameProblem('a'.repeat(249))).toBeNull();
    expect(topicNameProblem('a'.repeat(250))).toBe('Topic names have at most 249 characters (this one has 250).');
    expect(topicNameProblem('my topic/v1')).toBe(
      'Only letters a–z and A–Z, digits, ".", "_" and "-" are allowed (not space, "/").',
    );
    expect(topicNameProblem('zürich')).toContain('"ü"');
  });

  it('finds the name a new one collides with once "." and "_" are alike', () => {
    expect(collidingTopic('orders.created', ['orders_created', 'x'])).toBe('orders_created');
    expect(collidingTopic('orders.created', ['orders.created'])).toBeNull();
    expect(collidingTopic('a.b', ['a-b'])).toBeNull();
  });
});

describe('topic admin params', () => {
  it('fills defaults and refuses a config given twice at its row', () => {
    expect(CreateTopicParamsSchema.parse({ clusterId: 'c', name: 't' })).toEqual({
      clusterId: 'c',
      name: 't',
      partitions: null,
      replicationFactor: null,
      configs: [],
      validateOnly: false,
    });
    const twice = CreateTopicParamsSchema.safeParse({
      clusterId: 'c',
      name: 't',
      configs: [
        { name: 'retention.ms', value: '1' },
        { name: 'retention.ms', value: '2' },
      ],
    });
    expect(twice.error?.issues[0]).toMatchObject({
      path: ['configs', 1, 'name'],
      message: 'retention.ms is given twice',
    });
    expect(
      CreateTopicParamsSchema.safeParse({ clusterId: 'c', name: 't', partitions: 0 }).error?.issues[0]?.message,
    ).toBe('A topic needs at least 1 partition');
  });

  it('deletes only with the name typed exactly', () => {
    expect(DeleteTopicParamsSchema.safeParse({ clusterId: 'c', topic: 'orders', confirmName: 'orders' }).success).toBe(
      true,
    );
    const wrong = DeleteTopicParamsSchema.safeParse({ clusterId: 'c', topic: 'orders', confirmName: 'Orders' });
    expect(wrong.error?.issues[0]).toMatchObject({ path: ['confirmName'] });
  });

  it('purges with whole-number offsets or null for everything', () => {
    expect(
      PurgeParamsSchema.safeParse({ clusterId: 'c', topic: 't', partitions: [{ partition: 0, before: null }] }).success,
    ).toBe(true);
    expect(
      PurgeParamsSchema.safeParse({ clusterId: 'c', topic: 't', partitions: [{ partition: 0, before: '-1' }] }).success,
    ).toBe(false);
    expect(PurgeParamsSchema.safeParse({ clusterId: 'c', topic: 't', partitions: [] }).success).toBe(false);
  });

  it('alters configs of a topic or a numbered broker, each config once', () => {
    const ok = AlterConfigsParamsSchema.safeParse({
      clusterId: 'c',
      resource: { type: 'broker', name: '1' },
      changes: [{ action: 'reset', name: 'log.cleaner.threads' }],
    });
    expect(ok.success).toBe(true);
    expect(
      AlterConfigsParamsSchema.safeParse({
        clusterId: 'c',
        resource: { type: 'broker', name: 'one' },
        changes: [{ action: 'reset', name: 'x' }],
      }).success,
    ).toBe(false);
    expect(
      AlterConfigsParamsSchema.safeParse({
        clusterId: 'c',
        resource: { type: 'topic', name: 't' },
        changes: [
          { action: 'set', name: 'a', value: '1' },
          { action: 'reset', name: 'a' },
        ],
      }).error?.issues[0]?.message,
    ).toBe('a is changed twice');
  });
});
