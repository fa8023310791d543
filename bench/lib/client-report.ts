/** The client benchmark's table, kept in BENCHMARKS.md between its own markers (the broker benchmark keeps the rest). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../test-support/kafka/kafka-fixture.js';

export interface ClientRow {
  metric: string;
  kcat: number | null;
  samsa: number;
  /** Throughput rows; the others are times or sizes (smaller is better). */
  higherIsBetter?: boolean;
  goal?: { text: string; met: (samsa: number, kcat: number | null) => boolean };
  note?: string;
}

const START = '<!-- client-bench:start -->';
const END = '<!-- client-bench:end -->';

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: v < 100 ? 1 : 0 });

export function clientTable(rows: ClientRow[]): string {
  const out = ['| Metric | kcat | Samsa | Samsa / kcat | Goal |', '|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const ratio = r.kcat ? `${(r.samsa / r.kcat).toFixed(2)}×` : '–';
    const goal = r.goal ? `${r.goal.text} ${r.goal.met(r.samsa, r.kcat) ? '✅' : '❌'}` : '';
    const samsa = `${fmt(r.samsa)}${r.note ? ` (${r.note})` : ''}`;
    out.push(`| ${r.metric} | ${r.kcat === null ? '–' : fmt(r.kcat)} | ${samsa} | ${ratio} | ${goal} |`);
  }
  return out.join('\n');
}

/** Replaces (or adds, at the end) the section between the markers; returns the table. */
export function writeClientSection(header: string, rows: ClientRow[], write: boolean): string {
  const table = clientTable(rows);
  if (!write) return table;
  const path = join(repoRoot, 'BENCHMARKS.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const section = `${START}\n${header}\n\n${table}\n${END}`;
  const next =
    text.includes(START) && text.includes(END)
      ? text.slice(0, text.indexOf(START)) + section + text.slice(text.indexOf(END) + END.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
  return table;
}
