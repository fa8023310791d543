import { useMemo } from 'react';
import { wrapRows } from '../../lib/decode.js';
import { useViewerBox, VirtualRows } from './VirtualRows.js';

/** Text wrapped into fixed-width rows (so a one-line 10 MB JSON scrolls smoothly), virtualized. */
export function TextView({ text, label, fill }: { text: string; label: string; fill?: boolean }) {
  const box = useViewerBox();
  const rows = useMemo(() => wrapRows(text, box.cols), [text, box.cols]);
  return (
    <VirtualRows
      box={box}
      label={label}
      fill={fill}
      count={rows.length}
      row={(i) => {
        const end = i + 1 < rows.length ? rows[i + 1]! : text.length;
        const line = text.slice(rows[i]!, end);
        return line.endsWith('\n') ? line.slice(0, -1) : line;
      }}
    />
  );
}
