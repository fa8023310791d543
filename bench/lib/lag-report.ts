/**
 * The lag benchmark's section of BENCHMARKS.md, between its own markers below the notes marker,
 * so `npm run bench:broker` (which rewrites the part above the notes) keeps it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../test-support/kafka/kafka-fixture.js';

const START = '<!-- lag-bench:start -->';
const END = '<!-- lag-bench:end -->';

export function writeLagSection(body: string): string {
  const path = join(repoRoot, 'BENCHMARKS.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const section = `${START}\n\n${body.trim()}\n\n${END}`;
  const next = text.includes(START)
    ? text.slice(0, text.indexOf(START)) + section + text.slice(text.indexOf(END) + END.length)
    : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
  return path;
}
