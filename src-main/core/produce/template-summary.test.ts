import { describe, expect, it } from 'vitest';
import { templateSummary } from './bulk.js';

describe('the recent-sends line of a bulk send', () => {
  it('names its key and value templates, cut short when long', () => {
    expect(templateSummary('order-{{seq}}', '{"n": {{seq}}}')).toBe('key order-{{seq}}, value {"n": {{seq}}}');
    expect(templateSummary(null, null)).toBe('no key, no value');
    const long = `{"note": "${'x'.repeat(100)}"}`;
    const line = templateSummary(null, long);
    expect(line).toBe(`no key, value ${long.slice(0, 59)}…`);
  });
});
