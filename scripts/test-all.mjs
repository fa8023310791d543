// `npm test`: every test, in order of cost — types, unit, integration (sandbox broker and real
// Apache Kafka), then end-to-end in Chromium through browser mode. Ends with one summary line.
import './lib/require-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root } from './lib/ensure-built.mjs';

const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  passed += stats.expected + (stats.flaky ?? 0);
  failed += stats.unexpected;
  skipped += stats.skipped;
}

const only = process.argv[2]; // optional: lint | typecheck | unit | integration | e2e

if (!only || only === 'lint') {
  if (!step('lint (eslint)', bin('eslint'), ['.'])) failed++;
  else if (!step('format check (prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.'])) failed++;
}
if (!only || only === 'typecheck') {
  if (!step('typecheck (main)', bin('tsc'), ['-p', 'tsconfig.node.json'])) failed++;
  if (!step('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json'])) failed++;
}
if (!only || only === 'unit') {
  step('unit tests', bin('vitest'), [
    'run',
    '--project',
    'unit',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, 'unit.json')}`,
  ]);
  countVitest(join(results, 'unit.json'));
}
if (!only || only === 'integration') {
  step('integration tests', bin('vitest'), [
    'run',
    '--project',
    'integration',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, 'integration.json')}`,
  ]);
  countVitest(join(results, 'integration.json'));
}
if (!only || only === 'e2e') {
  ensureBuilt();
  step('end-to-end tests', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts']);
  countPlaywright(join(results, 'e2e-results.json'));
}

console.log('\n=== summary ===');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name} (${s.seconds}s)`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || steps.some((s) => !s.ok) ? 1 : 0);
