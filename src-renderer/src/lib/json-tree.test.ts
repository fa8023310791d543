import { describe, expect, it } from 'vitest';
import { allContainers, flattenJson, initialExpansion } from './json-tree.js';

describe('JSON tree rows', () => {
  const doc = { id: 7, tags: ['a', 'b'], nested: { deep: { x: null } }, empty: {} };

  it('expanded: one row per scalar, opening and closing rows per container', () => {
    const rows = flattenJson(doc, allContainers(doc));
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.label ?? ''}${r.label ? ': ' : ''}${r.text}`)).toEqual([
      '{',
      '  "id": 7',
      '  "tags": [',
      '    0: "a"',
      '    1: "b"',
      '  ]',
      '  "nested": {',
      '    "deep": {',
      '      "x": null',
      '    }',
      '  }',
      '  "empty": {}',
      '}',
    ]);
  });

  it('collapsed containers summarise their size', () => {
    const rows = flattenJson(doc, new Set(['$']));
    expect(rows.map((r) => r.text)).toEqual(['{', '7', '[…] 2 items', '{…} 1 key', '{}', '}']);
    expect(rows[2]).toMatchObject({ expandable: true, expanded: false, path: '$/tags' });
  });

  it('opens small documents fully and big ones two levels deep', () => {
    expect(initialExpansion(doc).has('$/nested/deep')).toBe(true);
    const big = { items: Array.from({ length: 5000 }, (_, i) => ({ i, more: { j: i } })) };
    const open = initialExpansion(big);
    expect(open.has('$')).toBe(true);
    expect(open.has('$/items')).toBe(true);
    expect(open.has('$/items/0')).toBe(false);
    expect(flattenJson(big, open)).toHaveLength(5004);
  });
});
