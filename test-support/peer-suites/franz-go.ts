/**
 * Runs franz-go's pkg/kgo integration tests (a test suite nobody here wrote) against the sandbox
 * broker, or against Apache Kafka 4.1 for comparison, and checks the outcome against franz-go.json:
 * every test listed there must pass, the ones left out say why. Also fails when the sandbox logs a
 * MaxListenersExceededWarning (an abort-listener leak in long polls) during the run.
 *
 *   node --import tsx test-support/peer-suites/franz-go.ts            # the sandbox (CI)
 *   node --import tsx test-support/peer-suites/franz-go.ts --kafka    # Apache Kafka 4.1, same tests
 *   node --import tsx test-support/peer-suites/franz-go.ts --bootstrap host:port
 *
 * The module comes from the Go module proxy at the pinned version, checked against its go.sum hash,
 * and is built in a temporary folder: none of its code enters this repository.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, repoRoot, startKafka } from '../kafka/kafka-fixture.js';

interface Manifest {
  module: string;
  version: string;
  sum: string;
  package: string;
  env: Record<string, string>;
  mustPass: string[];
  mustPassSubtests: Record<string, string>;
  skippedBySuite: Record<string, string>;
  pendingTransactions: Record<string, string>;
}

type Outcome = 'PASS' | 'FAIL' | 'SKIP';

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(here, 'franz-go.json'), 'utf8')) as Manifest;
const SUITE_TIMEOUT = '15m';

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...opts, maxBuffer: 64 * 1024 * 1024, timeout: 900_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Downloads the pinned module (checking its hash) and builds the package's test binary. */
async function buildTestBinary(work: string): Promise<string> {
  // Go 1.21+ fetches the toolchain the module needs through the module proxy when it is newer.
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto' };
  const info = JSON.parse(
    await run('go', ['mod', 'download', '-json', `${manifest.module}@${manifest.version}`], { cwd: work, env }),
  ) as { Dir: string; Sum: string };
  if (info.Sum !== manifest.sum) {
    throw new Error(`${manifest.module}@${manifest.version} has hash ${info.Sum}, expected ${manifest.sum}`);
  }
  const src = join(work, 'src');
  cpSync(info.Dir, src, { recursive: true, mode: 0 });
  await run('chmod', ['-R', 'u+w', src]);
  const binary = join(work, 'kgo.test');
  await run('go', ['test', '-c', '-o', binary, manifest.package], { cwd: src, env });
  return binary;
}

interface Target {
  bootstrap: string;
  name: string;
  /** What the broker wrote to stderr (the sandbox only). */
  stderr: () => string;
  stop(): Promise<void>;
}

async function startSandbox(): Promise<Target> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-peer-sandbox-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'src-main/broker/cli.ts'), '--port', String(port), '--data-dir', dataDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-1_000_000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${stderr}`)));
  });
  return {
    bootstrap: `127.0.0.1:${port}`,
    name: 'Samsa sandbox',
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startTarget(args: string[]): Promise<Target> {
  const i = args.indexOf('--bootstrap');
  if (i >= 0) return { bootstrap: args[i + 1], name: args[i + 1], stderr: () => '', stop: async () => {} };
  if (args.includes('--kafka')) {
    // Kafka's own default of 50 offsets partitions, so __consumer_offsets looks as it does in production.
    const k = await startKafka({ properties: { 'offsets.topic.num.partitions': 50 }, jvm: 'server', heap: '1g' });
    return { bootstrap: k.bootstrap, name: 'Apache Kafka 4.1', stderr: () => '', stop: () => k.stop() };
  }
  return startSandbox();
}

/** Runs the listed tests; returns the outcome of every test and subtest by name. */
async function runSuite(binary: string, bootstrap: string, includePending: boolean): Promise<Map<string, Outcome>> {
  const listed = [...manifest.mustPass, ...Object.keys(manifest.skippedBySuite)];
  if (includePending) listed.push(...Object.keys(manifest.pendingTransactions));
  const args = ['-test.v', '-test.timeout', SUITE_TIMEOUT, '-test.run', `^(${listed.join('|')})$`];
  const outcomes = new Map<string, Outcome>();
  const env = { ...process.env, ...manifest.env, KGO_SEEDS: bootstrap };
  const child = spawn(binary, args, { cwd: dirname(binary), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let partial = '';
  let tail = '';
  const onData = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-20_000);
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^\s*--- (PASS|FAIL|SKIP): (\S+)/.exec(line);
      if (m) outcomes.set(m[2], m[1] as Outcome);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0 && outcomes.size === 0) throw new Error(`the test binary failed before any test ran:\n${tail}`);
  if (code !== 0) process.stderr.write(`${tail.slice(-4000)}\n`);
  return outcomes;
}

function report(target: Target, outcomes: Map<string, Outcome>, seconds: number, includePending: boolean): string[] {
  const problems: string[] = [];
  const rows: string[] = [];
  const row = (name: string, got: Outcome | undefined, expected: string) => {
    rows.push(`${(got ?? 'NOT RUN').padEnd(8)} ${name.padEnd(56)} ${expected}`);
  };
  for (const name of manifest.mustPass) {
    const got = outcomes.get(name);
    row(name, got, 'must pass');
    if (got !== 'PASS') problems.push(`${name}: ${got ?? 'not run'} (must pass)`);
  }
  for (const [name, why] of Object.entries(manifest.mustPassSubtests)) {
    const got = outcomes.get(name);
    row(name, got, `must pass: ${why}`);
    if (got !== 'PASS') problems.push(`${name}: ${got ?? 'not run'} (must pass)`);
  }
  for (const [name, why] of Object.entries(manifest.skippedBySuite)) {
    const got = outcomes.get(name);
    row(name, got, `skipped by the suite: ${why}`);
    if (got === 'FAIL') problems.push(`${name}: FAIL`);
  }
  for (const [name, why] of Object.entries(manifest.pendingTransactions)) {
    const got = outcomes.get(name);
    row(name, includePending ? got : undefined, includePending ? 'run: transactions' : `left out: ${why}`);
    if (includePending && got === 'FAIL') problems.push(`${name}: FAIL`);
  }
  const warnings = target.stderr().match(/MaxListenersExceededWarning[^\n]*/g) ?? [];
  for (const w of warnings) problems.push(`the broker logged: ${w}`);
  const passed = [...outcomes].filter(([n, o]) => !n.includes('/') && o === 'PASS').length;
  const skipped = [...outcomes].filter(([n, o]) => !n.includes('/') && o === 'SKIP').length;
  const failed = [...outcomes].filter(([n, o]) => !n.includes('/') && o === 'FAIL').length;
  console.log(`\nfranz-go ${manifest.version} pkg/kgo against ${target.name} (${target.bootstrap})`);
  console.log(rows.join('\n'));
  console.log(
    `\n${passed} passed, ${failed} failed, ${skipped} skipped (top-level) in ${seconds} s; MaxListenersExceededWarning: ${warnings.length}`,
  );
  return problems;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // Kafka runs the transaction test too; the sandbox leaves it out until it has transactions.
  const includePending = args.includes('--kafka') || args.includes('--with-transactions');
  const work = mkdtempSync(join(tmpdir(), 'samsa-franz-go-'));
  let target: Target | undefined;
  try {
    const built = Date.now();
    const binary = await buildTestBinary(work);
    console.log(
      `built ${manifest.module}@${manifest.version} ${manifest.package} tests in ${Math.round((Date.now() - built) / 1000)} s`,
    );
    target = await startTarget(args);
    const started = Date.now();
    const outcomes = await runSuite(binary, target.bootstrap, includePending);
    const problems = report(target, outcomes, Math.round((Date.now() - started) / 1000), includePending);
    if (problems.length > 0) {
      console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      return 1;
    }
    return 0;
  } finally {
    await target?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
