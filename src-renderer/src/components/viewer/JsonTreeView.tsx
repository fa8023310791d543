import { useMemo, useState } from 'react';
import { allContainers, flattenJson, initialExpansion } from '../../lib/json-tree.js';
import { useViewerBox, VirtualRows } from './VirtualRows.js';

/** Pretty JSON as a collapsible tree; only visible rows are rendered, so big documents stay smooth. */
export function JsonTreeView({ value, label, fill }: { value: unknown; label: string; fill?: boolean }) {
  const [open, setOpen] = useState<Set<string>>(() => initialExpansion(value));
  const rows = useMemo(() => flattenJson(value, open), [value, open]);
  const box = useViewerBox();
  const toggle = (path: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <div className={fill ? 'json-tree json-tree-fill' : 'json-tree'}>
      <div className="json-tree-actions">
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen(allContainers(value))}>
          Expand all
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen(new Set(['$']))}>
          Collapse all
        </button>
      </div>
      <VirtualRows
        box={box}
        label={label}
        fill={fill}
        count={rows.length}
        row={(i) => {
          const r = rows[i]!;
          return (
            <span className="json-row" style={{ paddingLeft: r.depth * 14 }}>
              {r.expandable ? (
                <button
                  type="button"
                  className="json-toggle"
                  aria-expanded={r.expanded}
                  aria-label={`${r.expanded ? 'Collapse' : 'Expand'} ${r.label === null ? 'document' : r.index ? `item ${r.label}` : r.label.slice(1, -1)}`}
                  onClick={() => toggle(r.path)}
                >
                  {r.expanded ? '▾' : '▸'}
                </button>
              ) : (
                <span className="json-toggle-space" />
              )}
              {r.label !== null && <span className={r.index ? 'json-index' : 'json-key'}>{r.label}: </span>}
              <span className={r.closing || r.expandable ? 'json-punct' : `json-${r.kind}`}>{r.text}</span>
            </span>
          );
        }}
      />
    </div>
  );
}
