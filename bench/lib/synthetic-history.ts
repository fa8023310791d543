/**
 * Lag history as the sampler would have left it after `days` of watching one group: every sample
 * (5 s) for the last day, a point a minute before that (what the store keeps after a day anyway),
 * packed and trimmed by the store's own upkeep.
 */
import { LagHistory, type SampleRow } from '../../src-main/core/lag/lag-history.js';

const MIN = 60_000;

export function writeGroupHistory(opts: {
  path: string;
  clusterId: string;
  groupId: string;
  topic: string;
  partitions: number;
  days: number;
  now: number;
}): { ticks: number; rows: number } {
  const h = new LagHistory(opts.path);
  const start = opts.now - opts.days * 86_400_000;
  const rawFrom = opts.now - 86_400_000;
  let ticks = 0;
  let rows = 0;
  let nextPack = start + 15 * MIN;
  const committed = new Array<number>(opts.partitions).fill(0);
  const end = new Array<number>(opts.partitions).fill(1000);
  // Stop an hour before now: the live sampler of the benchmark writes the newest samples.
  for (let t = start; t < opts.now - 3_600_000; t += t < rawFrom ? MIN : 5000) {
    const step = t < rawFrom ? MIN : 5000;
    const dayPhase = Math.sin(((t % 86_400_000) / 86_400_000) * 2 * Math.PI);
    const out: SampleRow[] = [];
    let cSum = 0;
    let eSum = 0;
    for (let p = 0; p < opts.partitions; p++) {
      end[p]! += Math.round((step / 1000) * (20 + 10 * dayPhase + p));
      // The consumer falls behind by day and catches up at night.
      committed[p] = Math.max(committed[p]!, end[p]! - Math.round(500 + 400 * dayPhase + 50 * p));
      out.push({
        key: { clusterId: opts.clusterId, groupId: opts.groupId, topic: opts.topic, partition: p },
        committed: committed[p]!,
        end: end[p]!,
      });
      cSum += committed[p]!;
      eSum += end[p]!;
    }
    out.push({
      key: { clusterId: opts.clusterId, groupId: opts.groupId, topic: opts.topic, partition: -1 },
      committed: cSum,
      end: eSum,
    });
    h.appendTick(opts.clusterId, t, out, step);
    ticks++;
    rows += out.length;
    if (t >= nextPack) {
      h.compact(t - 15 * MIN);
      nextPack = t + 15 * MIN;
    }
  }
  h.compact(opts.now - 3_600_000);
  h.enforceLimits(opts.now, 200 * 1024 * 1024);
  h.markOpened(opts.clusterId, opts.groupId, opts.now);
  h.close();
  return { ticks, rows };
}
