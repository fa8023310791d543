import { useEffect, useMemo, useRef, useState } from 'react';
import { LAG_RANGES, type GroupDetail, type LagRange } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SeriesTable } from '../../components/SeriesTable.js';
import { TimeSeriesChart, type ChartSeries } from '../../components/TimeSeriesChart.js';
import { useLagHistory, type GroupSample } from '../../queries/groups.js';
import { formatLag, formatPointTime, formatRate, formatSeconds } from './format.js';
import { livePoint, mergeLive, type Level } from './live-points.js';

const RANGE_MS: Record<LagRange, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};
const RANGE_LABEL: Record<LagRange, string> = {
  '15m': '15 min',
  '1h': '1 h',
  '6h': '6 h',
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
};
type Metric = 'lag' | 'rates';

/** The lag chart of a group, with its table, its range, level and metric; live while it ends at now. */
export function LagChartPanel({
  clusterId,
  detail,
  samples,
}: {
  clusterId: string;
  detail: GroupDetail;
  samples: GroupSample[];
}) {
  const [range, setRange] = useState<LagRange>('15m');
  const [anchor, setAnchor] = useState(() => Date.now());
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const [level, setLevel] = useState<Level>('group');
  const [topic, setTopic] = useState<string | undefined>(undefined);
  const [metric, setMetric] = useState<Metric>('lag');
  const [asTable, setAsTable] = useState(false);
  const from = zoom ? zoom[0] : anchor - RANGE_MS[range];
  const params = {
    clusterId,
    groupId: detail.groupId,
    from,
    to: zoom ? zoom[1] : undefined,
    level,
    topic: level === 'partition' ? topic : undefined,
    // About one point per pixel column of the chart: more would only be thinned again when drawn.
    maxPoints: 1000,
  };
  const history = useLagHistory(params);
  const paramsKey = JSON.stringify(params);
  // From asking to drawn: kept on the panel (data-render-ms) for the benchmark.
  const requested = useRef<{ key: string; at: number } | null>(null);
  useEffect(() => {
    requested.current = { key: paramsKey, at: performance.now() };
  }, [paramsKey]);
  const [render, setRender] = useState<{ key: string; ms: number } | null>(null);

  // Samples pushed since the history was fetched, while the chart ends at "now".
  const live = useMemo(() => {
    if (zoom || !history.data) return [];
    return samples.flatMap((s) => livePoint(s, level, params.topic) ?? []);
  }, [samples, zoom, history.data, level, params.topic]);

  // Members or state changed: new markers are on the timeline, fetch it again.
  const shape = `${detail.state}|${detail.members.map((m) => m.memberId).join(',')}`;
  const firstShape = useRef(shape);
  useEffect(() => {
    if (shape !== firstShape.current && !zoom) void history.refetch();
    firstShape.current = shape;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  const merged = useMemo(() => (history.data ? mergeLive(history.data, live) : null), [history.data, live]);
  const series: ChartSeries[] = useMemo(() => {
    if (!merged) return [];
    if (metric === 'lag') return merged.series.map((s) => ({ label: s.label, values: s.lag }));
    return merged.series.flatMap((s) => [
      { label: `${s.key === 'group' ? 'Consumed' : `${s.label} consumed`} /s`, values: s.consumeRate },
      { label: `${s.key === 'group' ? 'Produced' : `${s.label} produced`} /s`, values: s.produceRate, dashed: true },
    ]);
  }, [merged, metric]);

  const end = zoom ? zoom[1] : Math.max(anchor, detail.sampledAt ?? 0, merged?.t.at(-1) ?? 0);
  const chartRange: [number, number] = [from, end];
  const topics = detail.topics.map((t) => t.topic);
  const h = history.data;
  const label = `${metric === 'lag' ? 'Lag' : 'Consumption and production rates'} of ${detail.groupId}${
    level === 'group' ? '' : level === 'topic' ? ' per topic' : ' per partition'
  }, ${zoom ? 'zoomed' : `last ${RANGE_LABEL[range]}`}`;
  const fmt = metric === 'lag' ? formatLag : formatRate;

  return (
    <section
      className="lag-chart-panel"
      aria-label="Lag over time"
      data-render-ms={render?.key === paramsKey ? render.ms : undefined}
    >
      <div className="toolbar chart-toolbar">
        <Segmented
          legend="Range"
          options={LAG_RANGES.map((r) => [r, RANGE_LABEL[r]] as const)}
          value={zoom ? null : range}
          onChange={(r) => {
            setRange(r);
            setAnchor(Date.now());
            setZoom(null);
          }}
        />
        {zoom && (
          <button type="button" className="btn btn-small" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        )}
        <Segmented
          legend="Show"
          options={[
            ['group', 'Group'],
            ['topic', 'Per topic'],
            ['partition', 'Per partition'],
          ]}
          value={level}
          onChange={setLevel}
        />
        {level === 'partition' && topics.length > 1 && (
          <label className="inline-field">
            <span>Topic</span>
            <select value={topic ?? ''} onChange={(e) => setTopic(e.target.value || undefined)}>
              <option value="">All topics</option>
              {topics.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        )}
        <Segmented
          legend="Metric"
          options={[
            ['lag', 'Lag'],
            ['rates', 'Rates'],
          ]}
          value={metric}
          onChange={setMetric}
        />
        <span className="spacer" />
        <label className="checkbox">
          <input type="checkbox" checked={asTable} onChange={(e) => setAsTable(e.target.checked)} />
          Show as table
        </label>
      </div>
      <DrainLine detail={detail} />
      <ErrorAlert error={history.error} title="Could not read the lag history" onRetry={() => void history.refetch()} />
      {!merged ? (
        <div className="chart-placeholder" role="status" aria-busy="true" aria-label="Loading lag history" />
      ) : asTable ? (
        <SeriesTable
          caption={label}
          t={merged.t}
          series={series}
          gaps={h?.gaps}
          formatTime={(ms) => formatPointTime(ms)}
          formatValue={(v) => (v === null ? '—' : fmt(v))}
        />
      ) : (
        <TimeSeriesChart
          label={label}
          t={merged.t}
          series={series}
          gaps={h?.gaps}
          markers={h?.events}
          range={chartRange}
          formatValue={(v) => (metric === 'lag' ? compact(v) : formatRate(v))}
          onZoom={(a, b) => setZoom([a, b])}
          onDrawn={() => {
            const r = requested.current;
            if (r && r.at > 0 && history.data && !history.isPlaceholderData) {
              setRender({ key: r.key, ms: Math.round(performance.now() - r.at) });
              r.at = 0;
            }
          }}
        />
      )}
      {h && <ChartNotes history={h} level={level} />}
    </section>
  );
}

function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(a >= 1e10 ? 0 : 1)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  return Math.round(v).toLocaleString('en-US');
}

function DrainLine({ detail }: { detail: GroupDetail }) {
  const d = detail.drain;
  if (!d) return <p className="muted small drain-line">Rates appear after a few samples.</p>;
  const rates = `consuming ${formatRate(d.consumeRate)}, producing ${formatRate(d.produceRate)} (over ${formatSeconds(d.basisSeconds)})`;
  const verdict =
    d.trend === 'catching-up' && d.secondsToDrain !== null
      ? `catching up: lag clears in about ${formatSeconds(d.secondsToDrain)}`
      : d.trend === 'falling-behind'
        ? `falling behind by ${formatRate(d.produceRate - d.consumeRate)}`
        : d.trend === 'idle'
          ? 'idle: nothing produced or consumed'
          : 'keeping pace';
  return (
    <p className="small drain-line" role="status" aria-live="off">
      <strong>{verdict[0]!.toUpperCase() + verdict.slice(1)}</strong> — {rates}.
    </p>
  );
}

function ChartNotes({
  history: h,
  level,
}: {
  history: NonNullable<ReturnType<typeof useLagHistory>['data']>;
  level: Level;
}) {
  return (
    <div className="chart-notes small muted">
      <span>Resolution: {h.resolution}.</span>
      {h.gaps.length > 0 && (
        <span>
          {' '}
          {h.gaps.length === 1 ? 'One gap' : `${h.gaps.length} gaps`} (shaded): {h.gaps[0]!.reason}
          {h.gaps.length > 1 ? ', …' : ''}.
        </span>
      )}
      {level === 'partition' && (
        <span>
          {' '}
          Per-partition history is recorded for groups you open or pin
          {h.partitionHistorySince ? `; here since ${formatPointTime(h.partitionHistorySince, false)}` : ''}.
        </span>
      )}
      {h.events.length > 0 && (
        <details className="chart-events">
          <summary>
            {h.events.length} event{h.events.length === 1 ? '' : 's'} on the timeline
          </summary>
          <ul>
            {[...h.events].reverse().map((e) => (
              <li key={`${e.t}-${e.text}`}>
                <span className="mono">{formatPointTime(e.t)}</span> {e.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Segmented<T extends string>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly (readonly [T, string])[];
  value: T | null;
  onChange: (v: T) => void;
}) {
  const name = `seg-${legend.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{legend}</legend>
      {options.map(([v, text]) => (
        <label key={v} className={value === v ? 'segment active' : 'segment'}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          {text}
        </label>
      ))}
    </fieldset>
  );
}
