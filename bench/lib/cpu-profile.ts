/** Top self-time functions of a V8 .cpuprofile (written by `node --cpu-prof`). */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../test-support/kafka/kafka-fixture.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  where: string;
  selfMs: number;
  percent: number;
}

function location(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  let file = url;
  try {
    if (url.startsWith('file://')) file = relative(repoRoot, fileURLToPath(url));
  } catch {
    /* keep the URL */
  }
  const name = functionName || '(anonymous)';
  return file ? `${file}:${lineNumber + 1} ${name}` : name;
}

/** Sums sample time per function (by file + name), excluding idle. */
export function topSelfTime(profilePath: string, limit = 15): { hotSpots: HotSpot[]; busyMs: number; totalMs: number } {
  const p = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(p.samples[i]);
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    const key = location(node);
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const busy = total - idle;
  const hotSpots = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, ms]) => ({ where, selfMs: ms, percent: (100 * ms) / busy }));
  return { hotSpots, busyMs: busy, totalMs: total };
}
