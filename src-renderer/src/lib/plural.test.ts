import { describe, expect, it } from 'vitest';
import { count } from './plural.js';

describe('count', () => {
  it('says one thing in the singular and any other number in the plural', () => {
    expect(count(1, 'broker')).toBe('1 broker');
    expect(count(0, 'broker')).toBe('0 brokers');
    expect(count(3, 'partition')).toBe('3 partitions');
    expect(count('1', 'message')).toBe('1 message');
    expect(count(12345n, 'record')).toBe('12,345 records');
    expect(count(2, 'consumer group')).toBe('2 consumer groups');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('keeps a count it cannot read as it is', () => {
    expect(count('many', 'topic')).toBe('many topics');
  });
});
