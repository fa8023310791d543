import { describe, expect, it } from 'vitest';
import { describeDuration, describeSize, formatSize, joinAmount, splitDuration, splitSize } from './units.js';
import { humanValue } from './configHelp.js';

describe('units', () => {
  it('words durations and sizes the way people say them', () => {
    expect(describeDuration(604_800_000)).toBe('7 days');
    expect(describeDuration(5_400_000)).toBe('1 hour 30 minutes');
    expect(describeDuration(60_000)).toBe('1 minute');
    expect(describeDuration(250)).toBe('250 ms');
    expect(describeDuration(-1)).toBe('forever');
    expect(describeSize(1_073_741_824)).toBe('1 GiB');
    expect(describeSize(1_048_588)).toBe('1,048,588 bytes (≈ 1 MiB)');
    expect(describeSize(-1)).toBe('no limit');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(12)).toBe('12 B');
  });

  it('splits into the largest exact unit and joins back without rounding', () => {
    expect(splitDuration(604_800_000)).toEqual({ amount: '7', unit: 'd' });
    expect(splitDuration(90_000)).toEqual({ amount: '90', unit: 's' });
    expect(splitSize(64 * 1024 * 1024)).toEqual({ amount: '64', unit: 'MiB' });
    expect(joinAmount('7', 86_400_000)).toBe('604800000');
    expect(joinAmount('-1', 86_400_000)).toBe('-1');
    expect(joinAmount('1.5', 1000)).toBeNull();
    expect(joinAmount('9007199254740993', 1)).toBe('9007199254740993');
  });

  it('reads config values by their name', () => {
    expect(humanValue('retention.ms', '604800000')).toBe('7 days');
    expect(humanValue('segment.bytes', '1073741824')).toBe('1 GiB');
    expect(humanValue('flush.ms', '9223372036854775807')).toBe('no limit');
    expect(humanValue('cleanup.policy', 'delete')).toBeNull();
    expect(humanValue('min.insync.replicas', '2')).toBeNull();
  });
});
