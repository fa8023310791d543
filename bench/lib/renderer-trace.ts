/**
 * Reads a Chromium performance trace (Playwright's browser.startTracing, devtools.timeline) for the
 * renderer's main thread: its longest task by wall time, and that task's time on the CPU. A task
 * whose wall time far exceeds its CPU time waited for a core (other processes were running), which
 * the page cannot help; a task long on the CPU is the page's own work.
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface RendererTasks {
  /** Longest main-thread task, wall clock, and the CPU time within it. */
  longestWallMs: number;
  longestWallCpuMs: number;
  /** Longest main-thread task by CPU time. */
  longestCpuMs: number;
  /** Tasks over 100 ms wall clock, and those of them over 100 ms on the CPU. */
  over100WallMs: number;
  over100CpuMs: number;
}

export function rendererTasks(tracePath: string): RendererTasks {
  const raw = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const out: RendererTasks = {
    longestWallMs: 0,
    longestWallCpuMs: 0,
    longestCpuMs: 0,
    over100WallMs: 0,
    over100CpuMs: 0,
  };
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const wall = (e.dur ?? 0) / 1000;
    const cpu = (e.tdur ?? e.dur ?? 0) / 1000;
    if (wall > out.longestWallMs) {
      out.longestWallMs = wall;
      out.longestWallCpuMs = cpu;
    }
    out.longestCpuMs = Math.max(out.longestCpuMs, cpu);
    if (wall > 100) out.over100WallMs++;
    if (cpu > 100) out.over100CpuMs++;
  }
  return out;
}
