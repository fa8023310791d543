/** The big-cluster UI benchmark's section of BENCHMARKS.md, rewritten in place between its markers. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { repoRoot } from '../../test-support/kafka/kafka-fixture.js';
import { median } from './in-page.js';
import { machineDescription } from './report.js';

export interface AdminResults {
  topics: number;
  partitions: number;
  createMs: number;
  kcatListMs: number;
  sandboxRssMb: number;
  /** Name → samples in ms. */
  timings: Record<string, number[]>;
  /** Phase → durations of main-thread tasks over 50 ms. */
  longTasks: Record<string, number[]>;
}

const START = '<!-- bench:admin start: rewritten by `npm run bench:admin` -->';
const END = '<!-- bench:admin end -->';

const LABELS: Record<string, string> = {
  'list-cold': 'Open the topic list, nothing cached (click → rows painted)',
  stats: 'Messages column filled after the list shows (background call)',
  'list-warm': 'Open the topic list again (cached; refreshes behind)',
  'search:t0': 'Search "t0" (keystroke → filtered rows painted)',
  'search:svc07': 'Search "svc07"',
  'search:t09999': 'Search "t09999" (one match)',
  'search:no-such-topic': 'Search "no-such-topic" (no match)',
  sort: 'Sort by messages (click → re-sorted rows painted)',
  'scroll-end': 'Jump to the last row (scroll → last row painted)',
  'open-topic': 'Open a topic (click → partitions painted)',
};

export async function writeAdminSection(r: AdminResults, sandboxDescribe: string): Promise<string> {
  const rows = Object.entries(r.timings).map(([k, v]) => {
    const m = median(v);
    const goal = k === 'stats' ? '' : m < 1000 ? '< 1 s ✅' : '< 1 s ❌';
    return `| ${LABELS[k] ?? k} | ${m.toFixed(0)} | ${Math.max(...v).toFixed(0)} | ${goal} |`;
  });
  const lt = (k: string) => {
    const v = r.longTasks[k] ?? [];
    return `${v.length} task${v.length === 1 ? '' : 's'} over 50 ms, longest ${v.length ? Math.max(...v).toFixed(0) : 0} ms`;
  };
  const [load1] = loadavg();
  const body = `${START}
## A big cluster in the UI: ${r.topics.toLocaleString('en-US')} topics, ${r.partitions.toLocaleString('en-US')} partitions

Samsa in browser mode (Debian Chromium, 1360×860) on a sandbox broker holding ${r.topics.toLocaleString('en-US')} topics
× ${r.partitions / r.topics} partitions (every 10th topic has 1–17 records). Times are measured inside the page, from the
person's event (click, keystroke, scroll) to the second animation frame after the answer is on screen; median and
maximum of ${Object.values(r.timings)[0]?.length ?? 0} runs each.

- Date: ${new Date().toISOString()}
- Machine: ${machineDescription()}; 1-minute load average ${load1!.toFixed(2)} at the end
- Command: \`npm run bench:admin\` (options: \`--topics N --partitions P --reps R --no-write\`)
- Sandbox: ${sandboxDescribe}; RSS after the topics were created ${r.sandboxRssMb.toFixed(0)} MB; creating them took ${(r.createMs / 1000).toFixed(1)} s (500 per CreateTopics request)
- Reference: \`kcat -L -J\` lists the same cluster in ${r.kcatListMs.toFixed(0)} ms (median of 3); opening the list cold takes
  ${(median(r.timings['list-cold'] ?? []) / r.kcatListMs).toFixed(2)}× that, metadata to painted rows

| What a person waits for | Median ms | Max ms | Goal |
|---|---:|---:|---|
${rows.join('\n')}

Main thread while working: typing searches ${lt('search')}; ${Object.values(r.timings)[0]?.length ?? 0} background refreshes of list and
messages ${lt('refresh')}.
${END}`;
  const path = join(repoRoot, 'BENCHMARKS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const next = current.includes(START)
    ? current.slice(0, current.indexOf(START)) + body + current.slice(current.indexOf(END) + END.length)
    : `${current.trimEnd()}\n\n${body}\n`;
  // Formatted as `npm run lint` expects (tables aligned), so a fresh run leaves the check green.
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }));
  return path;
}
