import { describe, expect, it } from 'vitest';
import { LogBuffer, parseBrokerLine } from './log-buffer.js';

describe('parseBrokerLine', () => {
  it('takes time and level from the broker line, so the text does not repeat them', () => {
    const line = parseBrokerLine('2026-05-04T05:41:20.123Z INFO created topic "orders"', 'stderr', 1);
    expect(line).toEqual({ time: Date.UTC(2026, 4, 4, 5, 41, 20, 123), level: 'info', text: 'created topic "orders"' });
    expect(parseBrokerLine('2026-05-04T05:41:20.123Z WARN slow disk', 'stderr').level).toBe('warn');
    expect(parseBrokerLine('2026-05-04T05:41:20.123Z ERROR server: boom', 'stderr').level).toBe('error');
    expect(parseBrokerLine('2026-05-04T05:41:20.123Z DEBUG fetch', 'stderr').level).toBe('info');
  });

  it('keeps other lines whole, with the time they arrived; a CLI failure on stderr is an error', () => {
    expect(parseBrokerLine('Samsa sandbox ready on 127.0.0.1:9092', 'stdout', 7)).toEqual({
      time: 7,
      level: 'info',
      text: 'Samsa sandbox ready on 127.0.0.1:9092',
    });
    expect(parseBrokerLine('Samsa sandbox: port 9092 on 127.0.0.1 is already in use', 'stderr', 7).level).toBe('error');
    expect(parseBrokerLine('    at Object.<anonymous> (cli.js:1:1)', 'stderr', 7).level).toBe('info');
  });
});

describe('LogBuffer', () => {
  it('keeps the most recent lines', () => {
    const buffer = new LogBuffer(2);
    for (const text of ['a', 'b', 'c']) buffer.push({ time: 0, level: 'info', text });
    expect(buffer.snapshot().map((l) => l.text)).toEqual(['b', 'c']);
  });
});
