import { describe, expect, it } from 'vitest';
import { formatSize } from './bytes.js';

describe('sizes', () => {
  it('formats sizes', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(50 * 1024 * 1024)).toBe('50 MB');
  });
});
