/**
 * Starts Apache Kafka and keeps it running until SIGINT/SIGTERM.
 *   node --import tsx test-support/kafka/start-kafka.ts [--port 9092] [--auto-create-topics]
 * Prints one line `KAFKA_BOOTSTRAP=localhost:<port>` on stdout once the broker answers, so a
 * parent process (e.g. Playwright's global setup) can wait for it.
 */
import { startKafka } from './kafka-fixture.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function startKafkaCli(): Promise<void> {
  const port = argValue('--port');
  const started = Date.now();
  const kafka = await startKafka({
    port: port ? Number(port) : undefined,
    autoCreateTopics: process.argv.includes('--auto-create-topics'),
    verbose: process.argv.includes('--verbose'),
  });
  process.stdout.write(`KAFKA_BOOTSTRAP=${kafka.bootstrap}\n`);
  process.stderr.write(
    `Apache Kafka ready at ${kafka.bootstrap} in ${Date.now() - started} ms (pid ${kafka.pid}); Ctrl+C stops it.\n`,
  );
  const shutdown = () => {
    void kafka.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

startKafkaCli().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
