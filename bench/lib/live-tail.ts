/**
 * The live tail in Chromium under a burst: ProducerPerformance writes at a fixed rate while the
 * window tails the topic. Frames are timed with requestAnimationFrame (a gap is a frame that took
 * that long), long tasks with a PerformanceObserver, the JS heap through the DevTools protocol.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../e2e/fixtures.js';
import { runKafkaTool, Tools } from '../../test-support/kafka/kafka-tools.js';
import { rendererSchedDelta, sampleRenderers, type SchedSample } from './renderer-sched.js';
import { rendererTasks, type RendererTasks } from './renderer-trace.js';

export interface TailResult {
  produced: number;
  received: number;
  seconds: number;
  longestFrameMs: number;
  framesOver100Ms: number;
  frames: number;
  p99FrameMs: number;
  longestTaskMs: number;
  heapPeakMb: number;
  /** [ms since measuring started, gap ms] of each frame over 100 ms. */
  slowFrames: [number, number][];
  /** The renderer's main-thread tasks from the performance trace. */
  tasks: RendererTasks;
  /** The renderer main thread's time on the CPU and waiting for one while records were written (Linux). */
  sched: SchedSample | null;
}

/** A frame is the gap between two animation frames; long tasks come from the browser's own observer. */
const FRAME_PROBE = `
  window.__frames = { max: 0, over100: 0, longest: 0, gaps: [], slow: [], t0: performance.now() };
  let last = performance.now();
  const tick = (t) => {
    const gap = t - last;
    last = t;
    if (gap > window.__frames.max) window.__frames.max = gap;
    if (gap > 100) {
      window.__frames.over100++;
      window.__frames.slow.push([Math.round(t - window.__frames.t0), Math.round(gap)]);
    }
    window.__frames.gaps.push(gap);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__frames.longest = Math.max(window.__frames.longest, e.duration);
  }).observe({ type: 'longtask' });
`;

interface FrameStats {
  max: number;
  over100: number;
  longest: number;
  gaps: number[];
  /** [ms since the probe started, gap ms] of each frame over 100 ms. */
  slow: [number, number][];
}

export async function measureLiveTail(opts: {
  appUrl: string;
  clusterId: string;
  topic: string;
  bootstrap: string;
  rate: number;
  seconds: number;
  recordSize: number;
  /** Write the renderer's CPU profile (.cpuprofile) of the tail here. */
  profilePath?: string;
}): Promise<TailResult> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(opts.appUrl);
    const base = page.url().replace(/#.*$/, '');
    await page.goto(
      `${base}#/clusters/${encodeURIComponent(opts.clusterId)}/topics/${encodeURIComponent(opts.topic)}/messages?mode=live`,
    );
    await page.getByText('Waiting for new records…').waitFor({ timeout: 30_000 });
    // Runs in the page (a string: this file is type-checked for Node, not the DOM).
    await page.evaluate(FRAME_PROBE);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let heapPeak = 0;
    const sampleHeap = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    };
    const sampler = setInterval(() => void sampleHeap().catch(() => undefined), 500);
    if (opts.profilePath) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    // The performance trace tells the page's own long work from waiting for a core.
    const tracePath = join(mkdtempSync(join(tmpdir(), 'samsa-tail-trace-')), 'trace.json');
    await browser.startTracing(page, {
      path: tracePath,
      categories: ['__metadata', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    const total = opts.rate * opts.seconds;
    const schedBefore = sampleRenderers();
    const started = Date.now();
    const perf = await runKafkaTool(
      Tools.producerPerf,
      [
        '--topic',
        opts.topic,
        '--num-records',
        String(total),
        '--record-size',
        String(opts.recordSize),
        '--throughput',
        String(opts.rate),
        '--producer-props',
        `bootstrap.servers=${opts.bootstrap}`,
        'acks=1',
        'linger.ms=5',
      ],
      { jvm: 'full', timeoutMs: (opts.seconds + 120) * 1000 },
    );
    if (perf.code !== 0) throw new Error(`ProducerPerformance failed: ${perf.stderr.slice(-2000)}`);
    const seconds = (Date.now() - started) / 1000;
    const sched = rendererSchedDelta(schedBefore, sampleRenderers());
    // Every record written must reach the window (the view keeps the newest N of them).
    const status = page.getByRole('status').filter({ hasText: 'received' });
    const want = total.toLocaleString('en-US');
    await status
      .filter({ hasText: `${want} received` })
      .waitFor({ timeout: 120_000 })
      .catch(() => undefined);
    const text = (await status.textContent()) ?? '';
    const received = Number(/([\d,]+) received/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
    clearInterval(sampler);
    await sampleHeap();
    await browser.stopTracing();
    const tasks = rendererTasks(tracePath);
    rmSync(dirname(tracePath), { recursive: true, force: true });
    if (opts.profilePath) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(opts.profilePath, JSON.stringify(profile));
    }
    const frames = (await page.evaluate('window.__frames')) as FrameStats;
    return {
      produced: total,
      received,
      seconds,
      longestFrameMs: frames.max,
      framesOver100Ms: frames.over100,
      frames: frames.gaps.length,
      p99FrameMs: [...frames.gaps].sort((a, b) => a - b)[Math.floor(frames.gaps.length * 0.99)] ?? 0,
      longestTaskMs: frames.longest,
      slowFrames: frames.slow,
      tasks,
      sched,
      heapPeakMb: heapPeak / 1024 / 1024,
    };
  } finally {
    await browser.close();
  }
}
