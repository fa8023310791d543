/**
 * One Kafka per test run when possible. Order of preference:
 * 1. the bootstrap provided by the vitest globalSetup (`test-support/kafka/global-setup.ts`),
 * 2. SAMSA_KAFKA_BOOTSTRAP from the environment (e.g. `npm exec tsx test-support/kafka/start-kafka.ts`),
 * 3. a broker started on first use in this worker and stopped when the worker exits.
 */
import { inject } from 'vitest';
import { startKafka, type KafkaHandle, type StartKafkaOptions } from './kafka-fixture.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string;
  }
}

export interface SharedKafka {
  bootstrap: string;
  /** Only set when this worker started the broker itself. */
  handle: KafkaHandle | null;
}

let shared: Promise<SharedKafka> | null = null;

export function kafkaSingleton(opts?: StartKafkaOptions): Promise<SharedKafka> {
  shared ??= (async () => {
    let provided: string | undefined;
    try {
      provided = inject('kafkaBootstrap');
    } catch {
      provided = undefined; // not inside vitest
    }
    const fromEnv = provided || process.env.SAMSA_KAFKA_BOOTSTRAP;
    if (fromEnv) return { bootstrap: fromEnv, handle: null };
    const handle = await startKafka(opts);
    // The worker's exit hook in kafka-fixture kills the JVM; this stops it cleanly when possible.
    process.once('beforeExit', () => void handle.stop());
    return { bootstrap: handle.bootstrap, handle };
  })();
  return shared;
}

/** Stops the broker if this worker started it (call from afterAll in the last file that needs it). */
export async function stopKafkaSingleton(): Promise<void> {
  if (!shared) return;
  const s = await shared.catch(() => null);
  shared = null;
  await s?.handle?.stop();
}
