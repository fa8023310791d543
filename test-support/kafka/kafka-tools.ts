/**
 * Runs Apache Kafka's own command-line tools (kafka-tools 4.x jars in `.kafka/libs`) against any
 * bootstrap address, without a started Kafka: compatibility tests point them at the sandbox broker,
 * the benchmark points them at both brokers.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKafkaJars, kafkaLibsDir, repoRoot, type ToolResult } from './kafka-fixture.js';

export const Tools = {
  topics: 'org.apache.kafka.tools.TopicCommand',
  configs: 'kafka.admin.ConfigCommand',
  getOffsetShell: 'org.apache.kafka.tools.GetOffsetShell',
  consoleProducer: 'org.apache.kafka.tools.ConsoleProducer',
  consoleConsumer: 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  consumerGroups: 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  producerPerf: 'org.apache.kafka.tools.ProducerPerformance',
  consumerPerf: 'org.apache.kafka.tools.ConsumerPerformance',
  verifiableProducer: 'org.apache.kafka.tools.VerifiableProducer',
  verifiableConsumer: 'org.apache.kafka.tools.VerifiableConsumer',
  transactions: 'org.apache.kafka.tools.TransactionsCommand',
  transactionalCopier: 'org.apache.kafka.tools.TransactionalMessageCopier',
} as const;

export interface KafkaToolOptions {
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Killed (SIGKILL) after this long; the result then has timedOut set. Default 60 s. */
  timeoutMs?: number;
  /**
   * 'fast' (default): C1 only + serial GC, for short tools where JVM start-up dominates.
   * 'full': normal JIT + default GC, so a load generator is not the bottleneck in benchmarks.
   */
  jvm?: 'fast' | 'full';
  heap?: string;
  /** Log level for org.apache.kafka (default warn); 'debug' helps chase protocol problems. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /** Called for every complete stdout line as it arrives (e.g. to stop a tool early). */
  onLine?: (line: string, kill: () => void) => void;
  /** Extra `-D` system properties. */
  sysProps?: Record<string, string>;
}

export interface KafkaToolResult extends ToolResult {
  durationMs: number;
  timedOut: boolean;
}

const log4jConfig = (level: string) => `status = error
rootLogger.level = ${level}
rootLogger.appenderRef.err.ref = STDERR
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d{HH:mm:ss.SSS}] %p %m (%c{1})%n
`;

let configDir: Promise<string> | null = null;
/** One temp folder per process holding a log4j2 file per level, removed on exit. */
async function log4jPath(level: string): Promise<string> {
  configDir ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samsa-kafka-tools-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  })();
  const path = join(await configDir, `log4j2-${level}.properties`);
  await writeFile(path, log4jConfig(level));
  return path;
}

export async function javaToolArgs(
  mainClass: string,
  args: readonly string[],
  opts: KafkaToolOptions = {},
): Promise<string[]> {
  const jvm = opts.jvm ?? 'fast';
  const flags = jvm === 'fast' ? ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'] : [];
  const props = Object.entries(opts.sysProps ?? {}).map(([k, v]) => `-D${k}=${v}`);
  return [
    `-Xmx${opts.heap ?? (jvm === 'fast' ? '256m' : '1g')}`,
    ...flags,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${await log4jPath(opts.logLevel ?? 'warn')}`,
    ...props,
    '-cp',
    join(kafkaLibsDir, '*'),
    mainClass,
    ...args,
  ];
}

/** Runs `java <mainClass> args` and collects its output; never rejects for a non-zero exit. */
export async function runKafkaTool(
  mainClass: string,
  args: readonly string[],
  opts: KafkaToolOptions = {},
): Promise<KafkaToolResult> {
  await ensureKafkaJars();
  const argv = await javaToolArgs(mainClass, args, opts);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('java', argv, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    let timedOut = false;
    const kill = () => child.kill('SIGKILL');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!opts.onLine) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) opts.onLine(l, kill);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      // Keep the tail only: debug logging can be huge.
      stderr = (stderr + chunk).slice(-2_000_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, durationMs: performance.now() - started });
    });
    child.stdin.on('error', () => {}); // the tool may exit before reading all of stdin
    child.stdin.end(opts.input ?? '');
  });
}

/** Parses the JSON-per-line output of VerifiableProducer/VerifiableConsumer, skipping anything else. */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const line of stdout.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      out.push(JSON.parse(t) as Record<string, unknown>);
    } catch {
      /* a log line that happens to start with '{' */
    }
  }
  return out;
}

/** Throws with the tool's output when it failed, so test failures show the Java side's reason. */
export function assertToolOk(r: KafkaToolResult, what: string): void {
  if (r.code === 0 && !r.timedOut) return;
  const tail = (s: string) => s.slice(-4000);
  throw new Error(
    `${what} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''})\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`,
  );
}
