import { hexRow, hexWidthFor } from '../../lib/decode.js';
import { useViewerBox, VirtualRows } from './VirtualRows.js';

/** Offset, hex and ASCII columns; as many bytes per row as fit, so nothing is cut at any width. */
export function HexView({ bytes, label, fill }: { bytes: Uint8Array; label: string; fill?: boolean }) {
  const box = useViewerBox();
  const width = hexWidthFor(box.cols);
  return (
    <VirtualRows
      box={box}
      label={label}
      fill={fill}
      className="viewer-hex"
      count={Math.max(1, Math.ceil(bytes.length / width))}
      row={(i) => hexRow(bytes, i * width, width)}
    />
  );
}
