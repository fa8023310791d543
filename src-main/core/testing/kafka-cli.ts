/**
 * Kafka's own command-line tools as independent witnesses in integration tests: what
 * kafka-topics, kafka-configs and GetOffsetShell report about a topic.
 */
import { assertToolOk, runKafkaTool, Tools } from '../../../test-support/kafka/kafka-tools.js';

async function run(what: string, main: string, args: string[]): Promise<string> {
  const r = await runKafkaTool(main, args, { timeoutMs: 90_000 });
  assertToolOk(r, what);
  return r.stdout;
}

/** `kafka-topics --list` (internal topics included). */
export async function cliTopics(bootstrap: string): Promise<string[]> {
  const out = await run('kafka-topics --list', Tools.topics, ['--bootstrap-server', bootstrap, '--list']);
  return out
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `kafka-topics --describe`: partition count, replication factor and the topic's override configs. */
export async function cliDescribeTopic(
  bootstrap: string,
  topic: string,
): Promise<{ partitions: number; replicationFactor: number; configs: Record<string, string> }> {
  const out = await run('kafka-topics --describe', Tools.topics, [
    '--bootstrap-server',
    bootstrap,
    '--describe',
    '--topic',
    topic,
  ]);
  const head = /PartitionCount:\s*(\d+)\s+ReplicationFactor:\s*(\d+)\s+Configs:\s*(.*)$/m.exec(out);
  if (!head) throw new Error(`kafka-topics --describe printed no summary line:\n${out}`);
  const configs: Record<string, string> = {};
  // Values may hold commas themselves (cleanup.policy=compact,delete): split only before "name=".
  for (const pair of head[3]!
    .trim()
    .split(/,(?=[\w.-]+=)/)
    .filter(Boolean)) {
    const i = pair.indexOf('=');
    configs[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return { partitions: Number(head[1]), replicationFactor: Number(head[2]), configs };
}

/** `kafka-configs --describe` of a topic's or a broker's dynamic configs (name → value). */
export async function cliDescribeConfigs(
  bootstrap: string,
  entity: { type: 'topics' | 'brokers'; name: string },
): Promise<Record<string, string>> {
  const out = await run('kafka-configs --describe', Tools.configs, [
    '--bootstrap-server',
    bootstrap,
    '--describe',
    '--entity-type',
    entity.type,
    '--entity-name',
    entity.name,
  ]);
  const configs: Record<string, string> = {};
  // "  retention.ms=3600000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=3600000, …}"
  for (const m of out.matchAll(/^\s+([\w.-]+)=(.*?) sensitive=/gm)) configs[m[1]!] = m[2]!;
  return configs;
}

/** GetOffsetShell: per partition, the earliest (time -2) or latest (-1) offset. */
export async function cliOffsets(bootstrap: string, topic: string, which: 'earliest' | 'latest'): Promise<number[]> {
  const out = await run('GetOffsetShell', Tools.getOffsetShell, [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    topic,
    '--time',
    which === 'earliest' ? '-2' : '-1',
  ]);
  const offsets: number[] = [];
  for (const m of out.matchAll(/^[^:\n]+:(\d+):(\d+)$/gm)) offsets[Number(m[1])] = Number(m[2]);
  return offsets;
}
