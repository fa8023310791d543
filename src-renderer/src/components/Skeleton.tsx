/** Fixed-height placeholder rows: content replaces them without moving the layout. */
export function SkeletonRows({ rows, height = 28, label }: { rows: number; height?: number; label: string }) {
  return (
    <div className="skeleton-rows" role="status" aria-label={label} aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: height - 8, margin: '4px 0' }} />
      ))}
    </div>
  );
}

export function SkeletonText({ width = '8em' }: { width?: string }) {
  return <span className="skeleton skeleton-inline" style={{ width }} aria-hidden="true" />;
}
