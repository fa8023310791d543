import type { ChartGap, ChartSeries } from './TimeSeriesChart.js';

interface Props {
  caption: string;
  t: number[];
  series: ChartSeries[];
  gaps?: ChartGap[];
  formatTime: (ms: number) => string;
  formatValue: (v: number | null) => string;
  /** Newest rows first; older ones are counted, not drawn. */
  maxRows?: number;
}

/** The data behind a chart as a table: what screen readers and tests read. Newest first. */
export function SeriesTable({ caption, t, series, gaps = [], formatTime, formatValue, maxRows = 1000 }: Props) {
  const rows: ({ kind: 'point'; i: number; at: number } | { kind: 'gap'; gap: ChartGap; at: number })[] = [
    ...t.map((at, i) => ({ kind: 'point' as const, i, at })),
    ...gaps.map((gap) => ({ kind: 'gap' as const, gap, at: gap.from })),
  ].sort((a, b) => b.at - a.at);
  const shown = rows.slice(0, maxRows);
  return (
    <div className="series-table-wrap" tabIndex={0} role="region" aria-label={`${caption} (table)`}>
      <table className="table table-compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {series.map((s) => (
              <th key={s.label} scope="col" className="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) =>
            r.kind === 'gap' ? (
              <tr key={`gap-${r.gap.from}`} className="row-gap">
                <td className="mono">{formatTime(r.gap.from)}</td>
                <td colSpan={Math.max(1, series.length)} className="muted">
                  No data until {formatTime(r.gap.to)}: {r.gap.reason}
                </td>
              </tr>
            ) : (
              <tr key={r.at}>
                <td className="mono">{formatTime(r.at)}</td>
                {series.map((s) => (
                  <td key={s.label} className="num mono">
                    {formatValue(s.values[r.i] ?? null)}
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {rows.length > shown.length && (
        <p className="muted small table-note">
          Showing the newest {shown.length.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')} rows; zoom
          in to see older ones.
        </p>
      )}
      {rows.length === 0 && <p className="empty">No points in this range.</p>}
    </div>
  );
}
