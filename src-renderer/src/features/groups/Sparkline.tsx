/** A tiny line of the last hour's lag; a break where nothing was sampled. Plain SVG: cheap for many rows. */
export function Sparkline({
  values,
  width = 96,
  height = 18,
  label,
}: {
  values: (number | null)[];
  width?: number;
  height?: number;
  label: string;
}) {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) {
    return (
      <span className="sparkline-empty muted small" role="img" aria-label={`${label}: no samples yet`}>
        —
      </span>
    );
  }
  const max = Math.max(...present, 1);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (height - 1 - (v / max) * (height - 2)).toFixed(1);
    current.push(`${x},${y}`);
  });
  if (current.length) segments.push(current.join(' '));
  const min = Math.min(...present);
  const last = present[present.length - 1]!;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, now ${last.toLocaleString('en-US')}`}
    >
      {segments.map((points, i) =>
        points.includes(' ') ? (
          <polyline key={i} points={points} fill="none" strokeWidth={1.25} />
        ) : (
          <circle key={i} cx={points.split(',')[0]} cy={points.split(',')[1]} r={1.25} />
        ),
      )}
    </svg>
  );
}
