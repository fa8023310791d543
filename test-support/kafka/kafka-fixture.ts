/**
 * A real single-node Apache Kafka (KRaft combined mode) for integration tests, run from the
 * Maven Central jars in `.kafka/libs`. Each start uses a fresh temp folder and free ports.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const kafkaLibsDir = join(repoRoot, '.kafka', 'libs');
const pomPath = join(repoRoot, 'test-support', 'kafka', 'pom.xml');

export interface StartKafkaOptions {
  /** Broker port; a free one is picked when omitted. */
  port?: number;
  /** KRaft controller port; a free one is picked when omitted. */
  controllerPort?: number;
  /** Default false: the app must never rely on topics appearing by themselves. */
  autoCreateTopics?: boolean;
  /** Extra or overriding server.properties entries. */
  properties?: Record<string, string | number | boolean>;
  /** How long to wait for the broker to answer describeCluster. */
  startTimeoutMs?: number;
  /** Broker JVM heap, default 512m. */
  heap?: string;
  /** Echo broker stdout/stderr to this process (debugging). */
  verbose?: boolean;
  /**
   * 'fast' (tests): C1-only JIT and SerialGC start quickest. 'server' (benchmarks): the flags of
   * Kafka's own kafka-server-start.sh, so Kafka is not handicapped when compared.
   */
  jvm?: 'fast' | 'server';
  /** Extra `kafka-storage format` arguments, e.g. `--add-scram 'SCRAM-SHA-256=[name=u,password=p]'`. */
  formatArgs?: string[];
}

/** JVM flags of bin/kafka-server-start.sh + bin/kafka-run-class.sh in the 4.1 distribution. */
export const KAFKA_SERVER_JVM = [
  '-server',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
];

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunToolOptions {
  /** Written to the tool's stdin, which is then closed. */
  input?: string;
  timeoutMs?: number;
}

export interface KafkaHandle {
  bootstrap: string;
  port: number;
  controllerPort: number;
  logDir: string;
  pid: number;
  /** From spawning kafka.Kafka (storage already formatted) to DescribeCluster answered. */
  readyMs: number;
  stop(): Promise<void>;
  /** Runs a Kafka class (e.g. org.apache.kafka.tools.TopicCommand) with the broker's classpath. */
  runTool(mainClass: string, args: string[], opts?: RunToolOptions): Promise<ToolResult>;
}

const LOG4J2 = `status = error
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d{HH:mm:ss}] %p %m (%c{1})%n
logger.kafka.name = kafka
logger.kafka.level = warn
logger.apache.name = org.apache
logger.apache.level = warn
`;

/** Fetches the jars with Maven when `.kafka/libs` is missing (cached in ~/.m2 afterwards). */
export async function ensureKafkaJars(): Promise<void> {
  if (existsSync(kafkaLibsDir) && readdirSync(kafkaLibsDir).some((f) => f.startsWith('kafka_2.13-'))) return;
  const r = await run(
    'mvn',
    ['-q', '-f', pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${kafkaLibsDir}`],
    { timeoutMs: 600_000 },
  );
  if (r.code !== 0)
    throw new Error(`Could not fetch the Kafka jars with Maven (exit ${r.code}):\n${r.stderr || r.stdout}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function run(cmd: string, args: string[], opts: RunToolOptions & { cwd?: string } = {}): Promise<ToolResult> {
  return new Promise((done) => {
    const child = execFile(
      cmd,
      args,
      { cwd: opts.cwd ?? repoRoot, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : (child.exitCode ?? -1)) : 0;
        done({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

function javaArgs(log4jPath: string, heap: string, jvm: 'fast' | 'server' = 'fast'): string[] {
  return [
    `-Xmx${heap}`,
    jvm === 'server' ? `-Xms${heap}` : '-Xms64m',
    // Faster JVM start-up matters more in tests than peak throughput.
    ...(jvm === 'server' ? KAFKA_SERVER_JVM : ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']),
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jPath}`,
    '-cp',
    join(kafkaLibsDir, '*'),
  ];
}

function serverProperties(o: {
  port: number;
  controllerPort: number;
  logDir: string;
  autoCreate: boolean;
  extra: Record<string, string | number | boolean>;
}): string {
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `localhost:${o.controllerPort}`,
    listeners: `PLAINTEXT://:${o.port},CONTROLLER://:${o.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://localhost:${o.port},CONTROLLER://localhost:${o.controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': o.logDir,
    'num.partitions': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': o.autoCreate,
    ...o.extra,
  };
  return (
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
}

const liveChildren = new Map<ChildProcess, string>();
let exitHookInstalled = false;
/** A test run that dies must not leave a JVM (or its data folder) behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [c, dir] of liveChildren) {
      try {
        c.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      } catch {
        /* already gone */
      }
    }
  });
}

async function waitUntilReady(
  bootstrap: string,
  child: ChildProcess,
  timeoutMs: number,
  tail: () => string,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'samsa-fixture',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Kafka exited during start-up (code ${child.exitCode}, signal ${child.signalCode}):\n${tail()}`);
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const d = await admin.describeCluster();
      if (d.brokers.length > 0) return;
    } catch (e) {
      lastError = e;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Kafka did not become ready within ${timeoutMs} ms: ${String(lastError)}\n${tail()}`);
}

export async function startKafka(opts: StartKafkaOptions = {}): Promise<KafkaHandle> {
  await ensureKafkaJars();
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), 'samsa-kafka-'));
  const logDir = join(dir, 'data');
  const port = opts.port ?? (await freePort());
  let controllerPort = opts.controllerPort ?? (await freePort());
  while (controllerPort === port) controllerPort = await freePort();
  const log4jPath = join(dir, 'log4j2.properties');
  const propsPath = join(dir, 'server.properties');
  const heap = opts.heap ?? '512m';
  await writeFile(log4jPath, LOG4J2);
  await writeFile(
    propsPath,
    serverProperties({
      port,
      controllerPort,
      logDir,
      autoCreate: opts.autoCreateTopics ?? false,
      extra: opts.properties ?? {},
    }),
  );

  const runTool = (mainClass: string, args: string[], o: RunToolOptions = {}): Promise<ToolResult> =>
    run('java', [...javaArgs(log4jPath, '256m'), mainClass, ...args], { ...o, cwd: dir });

  try {
    const uuid = await runTool('kafka.tools.StorageTool', ['random-uuid']);
    const clusterId = uuid.stdout.trim();
    if (uuid.code !== 0 || !clusterId) throw new Error(`StorageTool random-uuid failed: ${uuid.stderr}`);
    const fmt = await runTool('kafka.tools.StorageTool', [
      'format',
      '--standalone',
      '-t',
      clusterId,
      '-c',
      propsPath,
      ...(opts.formatArgs ?? []),
    ]);
    if (fmt.code !== 0) throw new Error(`StorageTool format failed: ${fmt.stderr || fmt.stdout}`);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }

  const spawnedAt = performance.now();
  const child = spawn('java', [...javaArgs(log4jPath, heap, opts.jvm), 'kafka.Kafka', propsPath], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.set(child, dir);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (opts.verbose) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  const bootstrap = `localhost:${port}`;
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      liveChildren.delete(child);
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    await waitUntilReady(bootstrap, child, opts.startTimeoutMs ?? 90_000, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  const readyMs = performance.now() - spawnedAt;
  return { bootstrap, port, controllerPort, logDir, pid: child.pid ?? -1, readyMs, stop, runTool };
}
