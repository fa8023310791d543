import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, TEMPLATE_FUNCTIONS } from './produce-template.js';

/** A repeatable random source. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const render = (src: string, seq = 1, random = seeded(1)) => {
  const p = parseTemplate(src);
  if (!p.ok) throw new Error(p.message);
  return renderTemplate(p.parts, {
    seq,
    now: () => Date.UTC(2024, 4, 1),
    random,
    uuid: () => '00000000-0000-4000-8000-000000000000',
  });
};

describe('produce templates', () => {
  it('renders the placeholders of the issue', () => {
    expect(render('{{seq}}/{{index}}', 7)).toBe('7/6');
    expect(render('{{uuid}}')).toBe('00000000-0000-4000-8000-000000000000');
    expect(render('{{now}} {{now.iso}}')).toBe(`${Date.UTC(2024, 4, 1)} 2024-05-01T00:00:00.000Z`);
    for (let i = 0; i < 200; i++) {
      const n = Number(render('{{random.int(1, 100)}}', 1, seeded(i)));
      expect(Number.isInteger(n) && n >= 1 && n <= 100).toBe(true);
      expect(['a', 'b']).toContain(render('{{pick("a", "b")}}', 1, seeded(i)));
    }
    expect(render('{{random.hex(8)}}')).toMatch(/^[0-9a-f]{8}$/);
    expect(render('{"n": {{seq}}, "ok": {{random.bool}}}', 3)).toMatch(/^\{"n": 3, "ok": (true|false)\}$/);
  });

  it('fakes describe one person per record', () => {
    const out = render('{{firstName}}|{{lastName}}|{{name}}|{{email}}');
    const [first, last, name, email] = out.split('|');
    expect(name).toBe(`${first} ${last}`);
    expect(email!.startsWith(`${first}.${last}`.toLowerCase())).toBe(true);
    for (const fn of ['company', 'city', 'country', 'street', 'phone', 'ipv4', 'word', 'sentence']) {
      expect(render(`{{${fn}}}`).length).toBeGreaterThan(1);
    }
    expect(Object.keys(TEMPLATE_FUNCTIONS)).toContain('email');
  });

  it('text without placeholders passes through; errors name the place', () => {
    expect(render('plain {"braces": {}}')).toBe('plain {"braces": {}}');
    const bad = (s: string) => {
      const p = parseTemplate(s);
      if (p.ok) throw new Error('parsed');
      return p;
    };
    expect(bad('a {{seq')).toMatchObject({ at: 2, message: 'A {{ placeholder is missing its closing }}' });
    expect(bad('{{nope}}').message).toMatch(/^Unknown placeholder "nope"; known: seq, index, uuid/);
    expect(bad('{{random.int(5, 1)}}').message).toMatch(/first number must not be larger/);
    expect(bad('{{pick()}}').message).toMatch(/needs at least one value/);
    expect(bad('{{seq(1)}}').message).toMatch(/takes no arguments/);
    expect(bad('{{pick("a" "b")}}').message).toMatch(/separate arguments with commas/);
  });
});
