import { describe, expect, it } from 'vitest';
import { formatCount, offsetDiff } from './offsets.js';

describe('offsets', () => {
  it('subtracts beyond 2^53 without losing digits', () => {
    expect(offsetDiff('9223372036854775807', '9223372036854775800')).toBe('7');
  });
  it('survives garbage', () => {
    expect(offsetDiff('x', '1')).toBe('—');
    expect(formatCount('nope')).toBe('nope');
  });
  it('groups thousands', () => {
    expect(formatCount('1234567')).toBe('1,234,567');
  });
});
