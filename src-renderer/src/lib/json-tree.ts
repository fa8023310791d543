/**
 * A parsed JSON value as rows for a collapsible, virtualized tree: one row per scalar, an opening
 * row per object or array (with a summary when collapsed) and a closing row when expanded.
 * Paths identify nodes, so expansion survives re-renders.
 */
export interface TreeRow {
  path: string;
  depth: number;
  /** Property name (quoted, as JSON writes it) or array index; null for the root and closing rows. */
  label: string | null;
  /** The label is an array index (shown quieter). */
  index: boolean;
  kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** Scalars: the JSON text; containers: `{` / `[` when expanded, a summary when collapsed. */
  text: string;
  expandable: boolean;
  expanded: boolean;
  /** The `}` / `]` row of an expanded container. */
  closing: boolean;
}

type Json = unknown;

function kindOf(v: Json): TreeRow['kind'] {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : (typeof v as 'string' | 'number' | 'boolean');
}

function entries(v: Json): [string, Json][] {
  return Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v as Record<string, Json>);
}

export function flattenJson(root: Json, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (v: Json, path: string, depth: number, label: string | null, index = false) => {
    const kind = kindOf(v);
    if (kind !== 'object' && kind !== 'array') {
      rows.push({
        path,
        depth,
        label,
        index,
        kind,
        text: JSON.stringify(v),
        expandable: false,
        expanded: false,
        closing: false,
      });
      return;
    }
    const list = entries(v);
    const open = expanded.has(path) && list.length > 0;
    const summary =
      kind === 'array'
        ? `[…] ${list.length} ${list.length === 1 ? 'item' : 'items'}`
        : `{…} ${list.length} ${list.length === 1 ? 'key' : 'keys'}`;
    rows.push({
      path,
      depth,
      label,
      index,
      kind,
      text: list.length === 0 ? (kind === 'array' ? '[]' : '{}') : open ? (kind === 'array' ? '[' : '{') : summary,
      expandable: list.length > 0,
      expanded: open,
      closing: false,
    });
    if (!open) return;
    for (const [k, child] of list) {
      visit(
        child,
        `${path}/${encodeURIComponent(k)}`,
        depth + 1,
        kind === 'array' ? k : JSON.stringify(k),
        kind === 'array',
      );
    }
    rows.push({
      path: `${path}/$end`,
      depth,
      label: null,
      index: false,
      kind,
      text: kind === 'array' ? ']' : '}',
      expandable: false,
      expanded: false,
      closing: true,
    });
  };
  visit(root, '$', 0, null);
  return rows;
}

/** Everything open for small documents; the first two levels for big ones. */
export function initialExpansion(root: Json, smallNodes = 2000): Set<string> {
  const all = new Set<string>();
  let count = 0;
  const walk = (v: Json, path: string, depth: number, openAll: boolean) => {
    const kind = kindOf(v);
    if (kind !== 'object' && kind !== 'array') return;
    count++;
    if (openAll || depth < 2) all.add(path);
    for (const [k, child] of entries(v)) {
      if (!openAll && depth >= 1) return;
      walk(child, `${path}/${encodeURIComponent(k)}`, depth + 1, openAll);
    }
  };
  // Count nodes up to the threshold to decide.
  const countNodes = (v: Json): void => {
    if (count > smallNodes) return;
    count++;
    if (v !== null && typeof v === 'object') for (const [, c] of entries(v)) countNodes(c);
  };
  countNodes(root);
  const small = count <= smallNodes;
  count = 0;
  walk(root, '$', 0, small);
  return all;
}

/** Every container path (Expand all). */
export function allContainers(root: Json): Set<string> {
  const out = new Set<string>();
  const walk = (v: Json, path: string) => {
    if (v === null || typeof v !== 'object') return;
    out.add(path);
    for (const [k, child] of entries(v)) walk(child, `${path}/${encodeURIComponent(k)}`);
  };
  walk(root, '$');
  return out;
}
