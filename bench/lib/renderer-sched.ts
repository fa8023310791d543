/**
 * How long Chromium's renderer main thread ran, and how long it stood runnable waiting for a core,
 * from Linux's per-thread scheduler statistics (/proc/<pid>/task/<pid>/schedstat: ns on the CPU, ns
 * waiting on a run queue). Run-queue wait close to the CPU time means the machine, not the page,
 * holds the frames back. Linux only; elsewhere the reading is null.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface SchedSample {
  cpuMs: number;
  waitMs: number;
  /** Times the thread was taken off the CPU while it still had work (preempted). */
  preempted: number;
}

/** Chromium rewrites its command line with spaces, so match on the whole text. */
function rendererPids(): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'latin1');
      if (cmd.includes('--type=renderer') && !cmd.includes('--extension-process') && !cmd.includes('top-chrome'))
        pids.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

function readSched(pid: number): SchedSample | null {
  try {
    const [cpuNs, waitNs] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
    const preempted = Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuMs: cpuNs! / 1e6, waitMs: waitNs! / 1e6, preempted };
  } catch {
    return null;
  }
}

/** Every renderer's main thread now, by pid. */
export function sampleRenderers(): Map<number, SchedSample> {
  const out = new Map<number, SchedSample>();
  for (const pid of rendererPids()) {
    const s = readSched(pid);
    if (s) out.set(pid, s);
  }
  return out;
}

/** The busiest renderer's main thread between two samples (the page under test). */
export function rendererSchedDelta(
  before: Map<number, SchedSample>,
  after: Map<number, SchedSample>,
): SchedSample | null {
  let best: SchedSample | null = null;
  for (const [pid, a] of after) {
    const b = before.get(pid) ?? { cpuMs: 0, waitMs: 0, preempted: 0 };
    const d = { cpuMs: a.cpuMs - b.cpuMs, waitMs: a.waitMs - b.waitMs, preempted: a.preempted - b.preempted };
    if (!best || d.cpuMs > best.cpuMs) best = d;
  }
  return best;
}
