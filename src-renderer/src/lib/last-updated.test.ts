import { describe, expect, it } from 'vitest';
import { formatLastUpdated } from './last-updated.js';

describe('formatLastUpdated', () => {
  const now = new Date(2026, 4, 3, 16, 0).getTime();

  it('gives the time of day for today', () => {
    expect(formatLastUpdated(new Date(2026, 4, 3, 14, 32, 59).getTime(), now)).toBe('14:32');
    expect(formatLastUpdated(new Date(2026, 4, 3, 9, 5).getTime(), now)).toBe('09:05');
  });

  it('adds the day for an older answer, and the year for one from another year', () => {
    expect(formatLastUpdated(new Date(2026, 4, 2, 23, 59).getTime(), now)).toBe('2 May 23:59');
    expect(formatLastUpdated(new Date(2025, 11, 31, 8, 0).getTime(), now)).toBe('31 Dec 2025 08:00');
  });
});
