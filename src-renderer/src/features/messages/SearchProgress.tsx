import type { ScanProgress, SearchItem } from '../../contract.js';
import { formatSize } from '../../lib/bytes.js';

const n = (x: number) => x.toLocaleString('en-US');

/** Records scanned, matches, speed and how far each partition got. */
export function SearchProgress({
  running,
  progress,
  done,
  cancelled,
  matches,
}: {
  running: boolean;
  progress: ScanProgress | null;
  done: Extract<SearchItem, { kind: 'done' }> | null;
  cancelled: boolean;
  matches: number;
}) {
  if (!progress && !running && !cancelled) return <span role="status" className="small muted" />;
  const p = done ?? progress;
  const summary = p
    ? `${n(p.scanned)} scanned (${formatSize(p.bytes)}) · ${n(p.recordsPerSecond)} records/s · ${n(matches)} ${matches === 1 ? 'match' : 'matches'} kept`
    : 'Starting…';
  return (
    <span className="search-progress small">
      {running && <progress max={100} value={p?.percent ?? 0} aria-label="Search progress" />}
      <span role="status">
        {done
          ? done.reason === 'completed'
            ? `Done in ${done.elapsedMs < 1000 ? `${done.elapsedMs} ms` : `${(done.elapsedMs / 1000).toFixed(1)} s`}: ${summary}.`
            : `Stopped at the limit: ${summary}. Continue reads on from the last match.`
          : cancelled
            ? p
              ? `Cancelled: ${summary}.`
              : 'Cancelled before the first results.'
            : `${p ? `${p.percent}% · ` : ''}${summary}`}
      </span>
      {p && p.partitions.length > 0 && (
        <details className="search-partitions">
          <summary>Partitions</summary>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Partition
                </th>
                <th scope="col" className="num">
                  Position
                </th>
                <th scope="col" className="num">
                  End
                </th>
              </tr>
            </thead>
            <tbody>
              {p.partitions.map((x) => (
                <tr key={x.partition}>
                  <td className="num mono">{x.partition}</td>
                  <td className="num mono">{x.position}</td>
                  <td className="num mono">{x.end}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </span>
  );
}
