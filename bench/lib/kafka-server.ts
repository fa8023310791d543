/**
 * Apache Kafka for the benchmark. The test fixture starts the JVM with C1-only JIT and SerialGC
 * (fast start for tests), which would handicap Kafka and flatter the sandbox; here the default is
 * the JVM flags of Kafka's own kafka-server-start.sh (1 GB heap, G1). `--kafka-jvm fixture` uses
 * the fixture unchanged.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars, freePort, kafkaLibsDir, startKafka } from '../../test-support/kafka/kafka-fixture.js';
import { runKafkaTool } from '../../test-support/kafka/kafka-tools.js';
import { waitForTcp } from './net.js';

export interface BenchKafka {
  bootstrap: string;
  pid: number;
  /** Spawn of kafka.Kafka → first TCP accept, and → describeCluster answered (storage format excluded). */
  startMs: { tcp: number; ready: number } | null;
  jvm: string;
  stop(): Promise<void>;
}

// Same JVM options as bin/kafka-server-start.sh + bin/kafka-run-class.sh in the 4.1 distribution.
const SERVER_JVM = ['-Xmx1G', '-Xms1G', '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent'];

const LOG4J2 = `status = error
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d{HH:mm:ss}] %p %m (%c{1})%n
`;

function properties(port: number, cport: number, logDir: string): string {
  const p: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `localhost:${cport}`,
    listeners: `PLAINTEXT://:${port},CONTROLLER://:${cport}`,
    'advertised.listeners': `PLAINTEXT://localhost:${port},CONTROLLER://localhost:${cport}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': 'false',
  };
  return Object.entries(p).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

async function waitDescribeCluster(bootstrap: string, alive: () => boolean, timeoutMs: number): Promise<void> {
  const kafka = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING, connectionTimeout: 1000, requestTimeout: 3000, retry: { retries: 0 } });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('Kafka exited during start-up');
    const admin = kafka.admin();
    try {
      await admin.connect();
      if ((await admin.describeCluster()).brokers.length > 0) return;
    } catch {
      /* not yet */
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Kafka not ready within ${timeoutMs} ms`);
}

export async function startBenchKafka(mode: 'server' | 'fixture'): Promise<BenchKafka> {
  if (mode === 'fixture') {
    const k = await startKafka({ autoCreateTopics: false });
    return { bootstrap: k.bootstrap, pid: k.pid, startMs: null, jvm: 'test fixture (C1 only, SerialGC, 512 MB heap)', stop: k.stop };
  }
  await ensureKafkaJars();
  const dir = await mkdtemp(join(tmpdir(), 'samsa-bench-kafka-'));
  const port = await freePort();
  let cport = await freePort();
  while (cport === port) cport = await freePort();
  const propsPath = join(dir, 'server.properties');
  const log4j = join(dir, 'log4j2.properties');
  await writeFile(propsPath, properties(port, cport, join(dir, 'data')));
  await writeFile(log4j, LOG4J2);

  const id = (await runKafkaTool('kafka.tools.StorageTool', ['random-uuid'])).stdout.trim();
  const fmt = await runKafkaTool('kafka.tools.StorageTool', ['format', '--standalone', '-t', id, '-c', propsPath]);
  if (fmt.code !== 0) throw new Error(`StorageTool format failed: ${fmt.stderr || fmt.stdout}`);

  const t0 = performance.now();
  const child = spawn('java', [...SERVER_JVM, '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${log4j}`, '-cp', join(kafkaLibsDir, '*'), 'kafka.Kafka', propsPath], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errTail = '';
  child.stderr.on('data', (d: Buffer) => (errTail = (errTail + d.toString()).slice(-8000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  process.once('exit', () => child.kill('SIGKILL'));

  const stop = async () => {
    if (alive()) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForTcp(port, 90_000, alive);
    const tcp = performance.now() - t0;
    await waitDescribeCluster(`localhost:${port}`, alive, 90_000);
    const ready = performance.now() - t0;
    return { bootstrap: `localhost:${port}`, pid: child.pid!, startMs: { tcp, ready }, jvm: SERVER_JVM.join(' '), stop };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${errTail}`);
  }
}
