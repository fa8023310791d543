/** What the produce form needs to know about a topic before anything is sent. */
import type { Admin, Cluster } from 'kafkajs';
import type { ProduceContext, ValueFormat } from '../../contract/produce.js';
import { pageMessages } from '../messages/browse.js';
import { requireTopic } from '../topics/require-topic.js';

const TOPIC_RESOURCE = 2;
const SAMPLE = 20;

export async function produceContext(
  cluster: Cluster,
  admin: () => Promise<Admin>,
  clusterId: string,
  topicName: string,
): Promise<ProduceContext> {
  const topic = await requireTopic(cluster, topicName);
  const [maxMessageBytes, suggestedFormat] = await Promise.all([
    maxMessageBytesOf(admin, topicName).catch(() => null),
    guessFormat(cluster, clusterId, topicName).catch(() => null),
  ]);
  return { partitions: topic.partitionMetadata.length, maxMessageBytes, suggestedFormat };
}

export async function maxMessageBytesOf(admin: () => Promise<Admin>, topic: string): Promise<number | null> {
  const r = await (
    await admin()
  ).describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['max.message.bytes'] }],
  });
  const v = r.resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue;
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * JSON when every recent value that is there parses as a JSON object or array; text when some is
 * text; null when the topic is empty or holds binary data.
 */
async function guessFormat(cluster: Cluster, clusterId: string, topic: string): Promise<ValueFormat | null> {
  const page = await pageMessages(cluster, {
    clusterId,
    topic,
    partitions: null,
    from: { kind: 'newest' },
    limit: SAMPLE,
  });
  const values = page.messages.map((m) => m.value).filter((v) => v !== null && v.size > 0 && !v.truncated);
  if (values.length === 0) return null;
  let json = 0;
  for (const v of values) {
    const text = Buffer.from(v!.base64, 'base64').toString('utf8');
    const t = text.trimStart();
    if ((t.startsWith('{') || t.startsWith('[')) && isJson(text)) json++;
  }
  return json === values.length ? 'json' : 'text';
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
