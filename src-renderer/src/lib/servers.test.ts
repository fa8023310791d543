import { describe, expect, it } from 'vitest';
import { formatBootstrapServers, parseBootstrapServers } from './servers.js';

describe('bootstrap servers parsing', () => {
  it('splits on commas and newlines and trims', () => {
    expect(parseBootstrapServers(' a:9092, b:9093\nc:9094\r\n')).toEqual(['a:9092', 'b:9093', 'c:9094']);
  });
  it('drops blanks and duplicates', () => {
    expect(parseBootstrapServers(',, a:1 ,\n\n a:1')).toEqual(['a:1']);
    expect(parseBootstrapServers('   ')).toEqual([]);
  });
  it('keeps IPv6 brackets intact', () => {
    expect(parseBootstrapServers('[::1]:9092')).toEqual(['[::1]:9092']);
  });
  it('formats one per line', () => {
    expect(formatBootstrapServers(['a:1', 'b:2'])).toBe('a:1\nb:2');
  });
});
