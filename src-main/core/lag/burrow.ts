/**
 * Consumer status the way Burrow (LinkedIn's lag monitor) judges it, phrased over samples.
 *
 * Burrow keeps a window of a partition's last commits. Samsa samples committed offsets with
 * OffsetFetch, so it sees a commit when the committed offset changes between two samples: a
 * partition's window is its last WINDOW observed changes (the first observation counts as one),
 * each with the log-end offset at that moment. Burrow's rules, in its order:
 *  1. lag 0 now: OK.
 *  2. no commit for longer than the window spans (or, with no change seen yet, for a full window of
 *     samples): STOP when no member holds the partition, STALL when one does but does not move it.
 *  3. lag 0 at any commit in the window: OK.
 *  4. a commit went backwards: REWIND.
 *  5. lag never fell across a window of commits and grew at least once: WARNING.
 */
import type { GroupHealth, LagVerdict, PartitionStatus } from '../../contract/groups.js';

export const WINDOW = 10;
/** Rates (consumption, production) are taken over about this long. */
export const RATE_WINDOW_MS = 5 * 60_000;
const RATE_SPACING_MS = RATE_WINDOW_MS / 15;
/** Fewer commits than this in the window say too little to call a trend. */
const MIN_FOR_TREND = 5;

export interface CommitEntry {
  t: number;
  committed: number;
  end: number;
}

/** What the sampler knows about one partition of one group. */
export class PartitionTrack {
  readonly entries: CommitEntry[] = [];
  firstSeen: number;
  samples = 0;
  last: CommitEntry;
  /** When the committed offset last changed (null: not since sampling started). */
  lastChange: number | null = null;
  /** The last backwards move seen, for the timeline. */
  lastRewind: { t: number; from: number; to: number } | null = null;
  /** Samples spaced out over the last few minutes, for rates. */
  private readonly rateBase: CommitEntry[] = [];

  constructor(first: CommitEntry) {
    this.firstSeen = first.t;
    this.last = first;
    this.push(first);
    this.samples = 1;
    this.rateBase.push(first);
  }

  private push(e: CommitEntry) {
    this.entries.push(e);
    if (this.entries.length > WINDOW) this.entries.shift();
  }

  private keepForRates(s: CommitEntry) {
    const base = this.rateBase;
    if (base.length === 0 || s.t - base[base.length - 1]!.t >= RATE_SPACING_MS) base.push(s);
    while (base.length > 1 && s.t - base[0]!.t > RATE_WINDOW_MS + RATE_SPACING_MS) base.shift();
  }

  /**
   * Committed and log-end offsets per second since the oldest kept sample; null with too short a
   * basis or after a backwards move (a reset is not consumption).
   */
  rates(): { consume: number; produce: number; basisMs: number } | null {
    const from = this.rateBase[0];
    const to = this.last;
    if (!from || to.t - from.t < 2_000) return null;
    const secs = (to.t - from.t) / 1000;
    const consume = (to.committed - from.committed) / secs;
    const produce = (to.end - from.end) / secs;
    if (consume < 0 || produce < 0) return null;
    return { consume, produce, basisMs: to.t - from.t };
  }

  /** Records a sample; returns true when the committed offset moved backwards. */
  observe(s: CommitEntry): boolean {
    this.samples++;
    const prev = this.last;
    this.last = s;
    this.keepForRates(s);
    if (s.committed === prev.committed) return false;
    this.lastChange = s.t;
    this.push(s);
    if (s.committed < prev.committed) {
      this.lastRewind = { t: s.t, from: prev.committed, to: s.committed };
      // Rates across a reset would be nonsense: start over from here.
      this.rateBase.length = 0;
      this.rateBase.push(s);
      return true;
    }
    return false;
  }
}

const num = (n: number) => n.toLocaleString('en-US');

/** "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/**
 * `held`: a live member has this partition assigned. `intervalMs`: the sampling interval, which
 * bounds how fast a stop can be noticed when no commit was seen yet.
 */
export function evaluatePartition(track: PartitionTrack, now: number, held: boolean, intervalMs: number): LagVerdict {
  const lag = track.last.end - track.last.committed;
  if (lag <= 0) return { status: 'OK', reason: 'Caught up: lag is 0.' };
  const entries = track.entries;
  const since = now - (track.lastChange ?? track.firstSeen);
  const span = entries.length >= 2 ? entries[entries.length - 1]!.t - entries[0]!.t : 0;
  const stopped =
    entries.length >= 2
      ? since > Math.max(span, 2 * intervalMs)
      : track.samples >= WINDOW && since >= (WINDOW - 1) * intervalMs;
  if (stopped) {
    const noCommit =
      track.lastChange === null
        ? `no commit since sampling started ${duration(since)} ago`
        : `no commit for ${duration(since)}`;
    return held
      ? {
          status: 'STALL',
          reason: `${cap(noCommit)} while lag is ${num(lag)}; a member holds the partition but its committed offset does not move.`,
        }
      : {
          status: 'STOP',
          reason: `${cap(noCommit)} while lag is ${num(lag)}; no member consumes the partition.`,
        };
  }
  if (entries.some((e) => e.end - e.committed <= 0)) {
    return { status: 'OK', reason: `Lag is ${num(lag)}, but it reached 0 within the last ${entries.length} commits.` };
  }
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.committed < entries[i - 1]!.committed) {
      return {
        status: 'REWIND',
        reason: `The committed offset moved backwards from ${num(entries[i - 1]!.committed)} to ${num(entries[i]!.committed)} (a reset, or a consumer re-reading).`,
      };
    }
  }
  if (entries.length >= MIN_FOR_TREND) {
    let grew = 0;
    let fell = 0;
    for (let i = 1; i < entries.length; i++) {
      const d = entries[i]!.end - entries[i]!.committed - (entries[i - 1]!.end - entries[i - 1]!.committed);
      if (d > 0) grew++;
      else if (d < 0) fell++;
    }
    const first = entries[0]!;
    const lastE = entries[entries.length - 1]!;
    if (fell === 0 && grew > 0) {
      return {
        status: 'WARNING',
        reason: `Lag grew in ${grew} of the last ${entries.length - 1} commits and never fell (${num(first.end - first.committed)} → ${num(lastE.end - lastE.committed)}) while commits advanced.`,
      };
    }
  }
  return {
    status: 'OK',
    reason: `Lag is ${num(lag)} and the group is committing (last commit ${duration(since)} ago).`,
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SEVERITY: Record<PartitionStatus, number> = { OK: 0, WARNING: 1, STALL: 2, STOP: 2, REWIND: 2 };

export interface PartitionVerdict {
  topic: string;
  partition: number;
  verdict: LagVerdict;
}

/** The group is as bad as its worst partition; the reason names it and counts the others. */
export function evaluateGroup(parts: readonly PartitionVerdict[]): GroupHealth {
  if (parts.length === 0) {
    return { level: 'UNKNOWN', status: null, reason: 'No committed offsets: there is no lag to judge.' };
  }
  let worst = parts[0]!;
  for (const p of parts) if (SEVERITY[p.verdict.status] > SEVERITY[worst.verdict.status]) worst = p;
  const sev = SEVERITY[worst.verdict.status];
  if (sev === 0) {
    return { level: 'OK', status: 'OK', reason: `All ${parts.length} partitions with commits keep up.` };
  }
  const same = parts.filter((p) => p.verdict.status === worst.verdict.status).length;
  const where = `${worst.topic}[${worst.partition}]${same > 1 ? ` and ${same - 1} more partition${same > 2 ? 's' : ''}` : ''}`;
  return {
    level: sev === 1 ? 'WARNING' : 'ERROR',
    status: worst.verdict.status,
    reason: `${worst.verdict.status} on ${where}: ${worst.verdict.reason}`,
  };
}
