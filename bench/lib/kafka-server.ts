/**
 * Apache Kafka for the benchmark, from the test fixture. By default with the JVM flags of Kafka's
 * own kafka-server-start.sh (1 GB heap, G1): the fixture's fast-start flags (C1 only, SerialGC)
 * would handicap Kafka and flatter the sandbox. `--kafka-jvm fixture` uses the test flags.
 */
import { KAFKA_SERVER_JVM, startKafka } from '../../test-support/kafka/kafka-fixture.js';

export interface BenchKafka {
  bootstrap: string;
  pid: number;
  /** Spawn of kafka.Kafka → DescribeCluster answered (storage format excluded); no TCP-only time. */
  startMs: { tcp: number | null; ready: number } | null;
  jvm: string;
  stop(): Promise<void>;
}

export async function startBenchKafka(mode: 'server' | 'fixture'): Promise<BenchKafka> {
  const k = await startKafka(mode === 'server' ? { jvm: 'server', heap: '1G' } : {});
  return {
    bootstrap: k.bootstrap,
    pid: k.pid,
    startMs: { tcp: null, ready: k.readyMs },
    jvm:
      mode === 'server'
        ? `-Xmx1G -Xms1G ${KAFKA_SERVER_JVM.join(' ')}`
        : 'test fixture (C1 only, SerialGC, 512 MB heap)',
    stop: k.stop,
  };
}
