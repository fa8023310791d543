import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './time-series-chart.css';

export interface ChartSeries {
  label: string;
  /** Drawn dashed (e.g. production next to consumption). */
  dashed?: boolean;
  /** Aligned with `t`; null where the series has no point (the line goes straight across). */
  values: (number | null)[];
}

export interface ChartMarker {
  t: number;
  kind: string;
  text: string;
}

export interface ChartGap {
  from: number;
  to: number;
  reason: string;
}

interface Props {
  /** The chart's accessible name; its data is offered as a table beside it by the owner. */
  label: string;
  /** Times in ms since the epoch, oldest first. */
  t: number[];
  series: ChartSeries[];
  /** Shaded, and the lines break there: nothing was recorded. */
  gaps?: ChartGap[];
  /** Vertical marks on the timeline (rebalances, resets…). */
  markers?: ChartMarker[];
  /** The visible time range (ms). */
  range: [number, number];
  formatValue: (v: number) => string;
  /** Dragging across the plot selects a range. */
  onZoom?: (from: number, to: number) => void;
  height?: number;
  /** Called after each draw (for timing). */
  onDrawn?: () => void;
}

const MARKER_COLORS: Record<string, string> = {
  rebalance: '--chart-marker-rebalance',
  'member-joined': '--chart-marker-member',
  'member-left': '--chart-marker-member',
  'offset-reset': '--chart-marker-reset',
  rewind: '--chart-marker-reset',
  'offsets-deleted': '--chart-marker-reset',
  'group-deleted': '--chart-marker-reset',
  state: '--chart-marker-state',
};

interface Latest {
  gaps: ChartGap[];
  markers: ChartMarker[];
  onZoom?: (from: number, to: number) => void;
  onDrawn?: () => void;
  formatValue: (v: number) => string;
}

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** uPlot wants seconds and one row per x; a gap becomes a row of nulls, a missing point stays undefined. */
export function toAlignedData(t: number[], series: ChartSeries[], gaps: ChartGap[]): uPlot.AlignedData {
  const rows: { x: number; i: number }[] = t.map((x, i) => ({ x: x / 1000, i }));
  for (const g of gaps) rows.push({ x: (g.from + g.to) / 2000, i: -1 });
  rows.sort((a, b) => a.x - b.x);
  const xs = rows.map((r) => r.x);
  const ys = series.map((s) => rows.map((r) => (r.i < 0 ? null : (s.values[r.i] ?? undefined))));
  return [xs, ...ys] as uPlot.AlignedData;
}

function useDarkMode(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!mq) return;
    const on = () => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return dark;
}

/** A time-series line chart on uPlot: gaps shaded, markers drawn, drag to zoom, follows the OS theme. */
export function TimeSeriesChart(props: Props) {
  const { label, t, series, gaps = [], markers = [], range, formatValue, onZoom, height = 240, onDrawn } = props;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef<Latest>({ gaps, markers, onZoom, onDrawn, formatValue });
  useLayoutEffect(() => {
    latest.current = { gaps, markers, onZoom, onDrawn, formatValue };
  });
  const dark = useDarkMode();
  const labels = series.map((s) => ({ label: s.label, dashed: s.dashed ?? false }));
  const structure = `${labels.map((l) => `${l.label}${l.dashed ? '~' : ''}`).join('\u0000')}|${height}|${dark}`;

  const [ready, setReady] = useState(0);
  // (Re)created when the set of lines, the size or the theme changes; data alone only updates it.
  // uPlot is loaded on first use: it is only needed where a chart is shown.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let disposed = false;
    let cleanup = () => undefined as void;
    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) return;
      const u = createChart(UPlot, el, labels, height, latest);
      chart.current = u;
      const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
      ro.observe(el);
      cleanup = () => {
        ro.disconnect();
        u.destroy();
        chart.current = null;
      };
      setReady((n) => n + 1);
    });
    return () => {
      disposed = true;
      cleanup();
    };
    // `structure` stands for series labels, height and theme.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure]);

  useEffect(() => {
    const u = chart.current;
    if (!u) return;
    u.batch(() => {
      u.setData(toAlignedData(t, series, gaps), true);
      u.setScale('x', { min: range[0] / 1000, max: range[1] / 1000 });
    });
  }, [t, series, gaps, range, ready]);

  return <div ref={box} className="ts-chart" role="img" aria-label={label} />;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 24-hour clock; the date where ticks are a day or more apart, seconds where they are seconds apart. */
function timeLabel(ms: number, stepMs: number): string {
  const d = new Date(ms);
  const day = `${d.toLocaleString('en-US', { month: 'short' })} ${d.getDate()}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (stepMs >= 86_400_000) return day;
  if (stepMs < 60_000) return `${hm}:${pad(d.getSeconds())}`;
  return d.getHours() === 0 && d.getMinutes() === 0 ? day : hm;
}

function createChart(
  UPlot: typeof uPlot,
  el: HTMLDivElement,
  labels: { label: string; dashed: boolean }[],
  height: number,
  latest: { current: Latest },
): uPlot {
  const palette = Array.from({ length: 10 }, (_, i) => css(`--chart-${i + 1}`));
  const grid = css('--border');
  const text = css('--text-muted');
  const opts: uPlot.Options = {
    width: Math.max(200, el.clientWidth),
    height,
    cursor: { drag: { x: true, y: false, setScale: false }, points: { size: 5 } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    legend: { live: true },
    scales: { x: { time: true } },
    axes: [
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
        values: (_u, splits, _i, _space, incr) => splits.map((s) => timeLabel(s * 1000, incr * 1000)),
      },
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
        size: 64,
        values: (_u, splits) => splits.map((v) => latest.current.formatValue(v)),
      },
    ],
    series: [
      {
        label: 'Time',
        value: (_u: uPlot, v: number | null) => {
          if (v === null || v === undefined) return '—';
          const d = new Date(v * 1000);
          return `${timeLabel(v * 1000, 86_400_000)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
        },
      },
      ...labels.map(({ label, dashed }, i) => ({
        label,
        dash: dashed ? [5, 3] : undefined,
        stroke: palette[i % palette.length],
        width: 1.5,
        spanGaps: false,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : latest.current.formatValue(v)),
      })),
    ],
    hooks: {
      drawClear: [(u) => drawGaps(u, latest.current.gaps)],
      draw: [
        (u) => {
          drawMarkers(u, latest.current.markers);
          latest.current.onDrawn?.();
        },
      ],
      setSelect: [
        (u) => {
          const { left, width } = u.select;
          if (width < 4) return;
          const from = u.posToVal(left, 'x') * 1000;
          const to = u.posToVal(left + width, 'x') * 1000;
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          latest.current.onZoom?.(Math.round(from), Math.round(to));
        },
      ],
    },
  };
  return new UPlot(opts, [[]], el);
}

function drawGaps(u: uPlot, gaps: ChartGap[]) {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.fillStyle = css('--chart-gap');
  for (const g of gaps) {
    const x0 = Math.max(bbox.left, u.valToPos(g.from / 1000, 'x', true));
    const x1 = Math.min(bbox.left + bbox.width, u.valToPos(g.to / 1000, 'x', true));
    if (x1 > x0) ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
  }
  ctx.restore();
}

function drawMarkers(u: uPlot, markers: ChartMarker[]) {
  const { ctx, bbox } = u;
  const dpr = window.devicePixelRatio || 1;
  ctx.save();
  ctx.lineWidth = dpr;
  ctx.setLineDash([4 * dpr, 3 * dpr]);
  for (const m of markers) {
    const x = Math.round(u.valToPos(m.t / 1000, 'x', true));
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    const color = css(MARKER_COLORS[m.kind] ?? '--chart-marker-state');
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x - 4 * dpr, bbox.top);
    ctx.lineTo(x + 4 * dpr, bbox.top);
    ctx.lineTo(x, bbox.top + 6 * dpr);
    ctx.fill();
  }
  ctx.restore();
}
