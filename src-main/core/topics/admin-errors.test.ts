import { describe, expect, it } from 'vitest';
import { topicAdminError } from './admin-errors.js';

describe('topic admin errors', () => {
  const configs = [{ name: 'retention.ms' }, { name: 'retention.bytes' }, { name: 'segment.bytes' }];

  it("points a config error at the row the broker's message names (the longest name that fits)", () => {
    const e = topicAdminError(
      {
        type: 'INVALID_CONFIG',
        message: 'Invalid value x for configuration retention.bytes: Not a number of type LONG',
      },
      { topic: 't', configs },
    );
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'configs.1.value' });
    expect(e.message).toBe(
      'The broker says: Invalid value x for configuration retention.bytes: Not a number of type LONG',
    );
  });

  it('points an unknown name at the name, not the value', () => {
    expect(
      topicAdminError(
        { type: 'INVALID_CONFIG', message: 'Unknown topic config name: retention.mss' },
        { topic: 't', configs: [{ name: 'retention.mss' }] },
      ),
    ).toMatchObject({ field: 'configs.0.name' });
  });

  it('falls back to the whole configs list and a sentence of its own without a message', () => {
    expect(topicAdminError({ type: 'INVALID_CONFIG', message: null }, { topic: 't', configs })).toMatchObject({
      field: 'configs',
      code: 'VALIDATION',
    });
  });

  it('maps names, counts and factors to their fields', () => {
    expect(topicAdminError({ type: 'TOPIC_ALREADY_EXISTS', message: null }, { topic: 't' })).toMatchObject({
      code: 'ALREADY_EXISTS',
      field: 'name',
      message: 'A topic named "t" already exists.',
    });
    expect(topicAdminError({ type: 'INVALID_PARTITIONS', message: 'no' }, { topic: 't' }).field).toBe('partitions');
    expect(topicAdminError({ type: 'INVALID_REPLICATION_FACTOR', message: null }, { topic: 't' }).field).toBe(
      'replicationFactor',
    );
    expect(topicAdminError({ type: 'POLICY_VIOLATION', message: 'needs rf 3' }, { topic: 't' }).message).toContain(
      'needs rf 3',
    );
  });
});
