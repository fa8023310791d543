/** The Markdown table and BENCHMARKS.md. Text below the notes marker survives re-runs. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../test-support/kafka/kafka-fixture.js';

export interface Row {
  metric: string;
  kafka: number | null;
  sandbox: number | null;
  /** 'higher' = bigger is better (throughput), 'lower' = smaller is better (time, memory). */
  better: 'higher' | 'lower';
  goal?: { text: string; met: (sandbox: number, kafka: number | null) => boolean };
  digits?: number;
}

const fmt = (v: number | null, digits = 1) =>
  v === null || !Number.isFinite(v)
    ? '–'
    : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function markdownTable(rows: Row[]): string {
  const out = ['| Metric | Apache Kafka 4.1.1 | Samsa sandbox | Sandbox / Kafka | Goal |', '|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const ratio = r.kafka && r.sandbox !== null ? `${(r.sandbox / r.kafka).toFixed(2)}×` : '–';
    const goal = r.goal && r.sandbox !== null ? `${r.goal.text} ${r.goal.met(r.sandbox, r.kafka) ? '✅' : '❌'}` : '';
    out.push(`| ${r.metric} | ${fmt(r.kafka, r.digits)} | ${fmt(r.sandbox, r.digits)} | ${ratio} | ${goal} |`);
  }
  return out.join('\n');
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  // `java -version` writes to stderr.
  const javaLine =
    spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr?.split('\n')[0] ?? 'java (version unknown)';
  return `${cpus().length} CPUs (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; ${javaLine.trim()}`;
}

const NOTES_MARKER = '<!-- notes: text below this line is kept when the benchmark rewrites this file -->';

export function writeBenchmarksMd(body: string): string {
  const path = join(repoRoot, 'BENCHMARKS.md');
  const notes =
    existsSync(path) && readFileSync(path, 'utf8').includes(NOTES_MARKER)
      ? readFileSync(path, 'utf8').split(NOTES_MARKER)[1]
      : '\n';
  writeFileSync(path, `${body.trimEnd()}\n\n${NOTES_MARKER}${notes}`);
  return path;
}
