/**
 * The resolutions lag history is kept at. Every sample is kept for a day; one point a minute for
 * thirty days; one point per ten minutes for a year. The size cap (a setting) may shorten all three.
 */
import type { SamplePoint } from './chunk-codec.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Tier {
  id: 0 | 1 | 2;
  /** One point per this many ms (0: every sample). */
  stepMs: number;
  /** How long points of this tier are kept when the size cap allows. */
  retainMs: number;
  /** How it is described to a person. */
  label: string;
}

export const TIERS: readonly Tier[] = [
  { id: 0, stepMs: 0, retainMs: DAY, label: 'every sample' },
  { id: 1, stepMs: MINUTE, retainMs: 30 * DAY, label: 'one point a minute' },
  { id: 2, stepMs: 10 * MINUTE, retainMs: 365 * DAY, label: 'one point per 10 minutes' },
];

/**
 * The coarsest tier whose points are still at least as fine as `stepMs` (what a chart needs per
 * pixel column); finer tiers would only be thinned again.
 */
export function tierForStep(stepMs: number): Tier {
  let best = TIERS[0]!;
  for (const t of TIERS) if (t.stepMs <= stepMs) best = t;
  return best;
}

/** Keeps the last point of every `stepMs` bucket (aligned to the epoch), so offsets stay consistent. */
export function downsampleLast(points: readonly SamplePoint[], stepMs: number): SamplePoint[] {
  if (stepMs <= 0 || points.length === 0) return [...points];
  const out: SamplePoint[] = [];
  let bucket = Number.NaN;
  for (const p of points) {
    const b = Math.floor(p.t / stepMs);
    if (b === bucket) out[out.length - 1] = p;
    else {
      out.push(p);
      bucket = b;
    }
  }
  return out;
}
