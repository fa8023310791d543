import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { validateTopicConfig, validateTopicConfigs } from './config-validate.js';
import { ConfigSource } from './config-defs.js';
import { resolveTopicConfig, toLogConfig } from './topic-config.js';
import { TOPIC_CONFIGS } from './config-defs.js';
import { applyIncremental } from '../apis/44-incremental-alter-configs.js';

const invalid = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: number; message: string };
  }
  throw new Error('no error');
};

describe('topic config validation', () => {
  it('accepts and normalises valid values', () => {
    expect(validateTopicConfig('retention.ms', ' 1000 ')).toBe('1000');
    expect(validateTopicConfig('retention.ms', '-1')).toBe('-1');
    expect(validateTopicConfig('cleanup.policy', 'compact, delete')).toBe('compact,delete');
    expect(validateTopicConfig('unclean.leader.election.enable', 'TRUE')).toBe('true');
    expect(validateTopicConfig('compression.type', 'ZSTD')).toBe('zstd');
    expect(validateTopicConfig('message.timestamp.type', 'logappendtime')).toBe('LogAppendTime');
    expect(validateTopicConfig('min.cleanable.dirty.ratio', '0.25')).toBe('0.25');
    expect(validateTopicConfig('flush.ms', '9223372036854775807')).toBe('9223372036854775807');
  });

  it('rejects unknown names, wrong types and out-of-range values with INVALID_CONFIG', () => {
    for (const [name, value] of [
      ['no.such', '1'],
      ['retention.ms', 'soon'],
      ['retention.ms', '-2'],
      ['retention.ms', '9223372036854775808'],
      ['max.message.bytes', '2147483648'],
      ['cleanup.policy', 'shred'],
      ['cleanup.policy', ''],
      ['preallocate', 'yes'],
      ['min.cleanable.dirty.ratio', '1.5'],
      ['compression.type', 'brotli'],
    ]) {
      const e = invalid(() => validateTopicConfig(name, value));
      expect(e.code, `${name}=${value}`).toBe(ErrorCode.INVALID_CONFIG);
      expect(e.message).toContain(name);
    }
    expect(invalid(() => validateTopicConfig('retention.ms', null)).code).toBe(ErrorCode.INVALID_CONFIG);
    expect(invalid(() => validateTopicConfigs({ 'remote.storage.enable': 'true' })).message).toMatch(/Tiered storage/);
  });
});

describe('effective topic config', () => {
  const broker = new Map([['log.segment.bytes', String(64 * 1024 * 1024)]]);
  it('prefers the override, then the broker static value, then the default', () => {
    const seg = TOPIC_CONFIGS.get('segment.bytes')!;
    expect(resolveTopicConfig(seg, {}, broker)).toMatchObject({
      value: '67108864',
      source: ConfigSource.STATIC_BROKER_CONFIG,
    });
    const over = resolveTopicConfig(seg, { 'segment.bytes': '1048576' }, broker);
    expect(over).toMatchObject({ value: '1048576', source: ConfigSource.TOPIC_CONFIG });
    expect(over.synonyms.map((s) => s.source)).toEqual([1, 4, 5]);
    expect(resolveTopicConfig(TOPIC_CONFIGS.get('retention.ms')!, {}, broker)).toMatchObject({
      value: '604800000',
      source: ConfigSource.DEFAULT_CONFIG,
    });
  });

  it('builds the storage config', () => {
    expect(toLogConfig({ 'cleanup.policy': 'delete,compact', 'retention.bytes': '100' }, broker)).toMatchObject({
      cleanupPolicy: 'compact,delete',
      retentionBytes: 100,
      retentionMs: 604800000,
      segmentBytes: 67108864,
      maxMessageBytes: 1048588,
    });
    expect(toLogConfig({ 'flush.ms': '9223372036854775807' }, broker).segmentMs).toBe(604800000);
  });
});

describe('incremental alter', () => {
  it('SET, DELETE, APPEND and SUBTRACT', () => {
    expect(applyIncremental({}, [{ name: 'retention.ms', configOperation: 0, value: '5' }])).toEqual({
      'retention.ms': '5',
    });
    expect(
      applyIncremental({ 'retention.ms': '5' }, [{ name: 'retention.ms', configOperation: 1, value: null }]),
    ).toEqual({});
    expect(applyIncremental({}, [{ name: 'cleanup.policy', configOperation: 2, value: 'compact' }])).toEqual({
      'cleanup.policy': 'delete,compact',
    });
    expect(
      applyIncremental({ 'cleanup.policy': 'delete,compact' }, [
        { name: 'cleanup.policy', configOperation: 3, value: 'delete' },
      ]),
    ).toEqual({ 'cleanup.policy': 'compact' });
    expect(invalid(() => applyIncremental({}, [{ name: 'retention.ms', configOperation: 2, value: '1' }])).code).toBe(
      ErrorCode.INVALID_CONFIG,
    );
  });
});
