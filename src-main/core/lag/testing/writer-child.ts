/**
 * Test helper run as its own process: writes lag samples in a loop, as the sampler does, and
 * prints "committed N" after each tick's transaction, until it is killed.
 *   node --import tsx writer-child.ts <db path> <series per tick> <compact every N ticks>
 */
import { LagHistory, type SampleRow } from '../lag-history.js';

const [path, perTickArg, compactEveryArg] = process.argv.slice(2);
const perTick = Number(perTickArg ?? 200);
const compactEvery = Number(compactEveryArg ?? 25);
const h = new LagHistory(path!);
const start = Date.UTC(2026, 10, 1);
// Resume after what an earlier (killed) writer left, so repeated kills keep adding.
const last = h.db
  .prepare('SELECT MAX(t) AS t FROM (SELECT t FROM samples UNION ALL SELECT end_t AS t FROM chunks WHERE tier=0)')
  .get() as {
  t: number | null;
};
let tick = last.t === null ? 0 : (last.t - start) / 1000 + 1;
for (;;) {
  const t = start + tick * 1000;
  const rows: SampleRow[] = [];
  for (let s = 0; s < perTick; s++) {
    rows.push({
      key: { clusterId: 'c', groupId: `g${s}`, topic: 'orders', partition: -1 },
      committed: tick * 10,
      end: tick * 11,
    });
  }
  h.appendTick('c', t, rows, 1000);
  process.stdout.write(`committed ${tick}\n`);
  if (tick % compactEvery === compactEvery - 1) h.compact(t - 5000);
  tick++;
}
