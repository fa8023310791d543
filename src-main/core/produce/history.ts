/** The last sends per topic (single records with their content, bulk runs summarized), kept in the data folder. */
import { join } from 'node:path';
import { PRODUCE_LIMITS, type RecentSend } from '../../contract/produce.js';
import { JsonFileStore, trimPerTopic, type PerTopic } from '../messages/json-file-store.js';

const MAX_TOPICS = 500;
/** A value longer than this is kept cut: enough to recognise it, not a copy of a big payload. */
export const HISTORY_VALUE_CHARS = 64 * 1024;

export class ProduceHistory {
  private readonly store: JsonFileStore<PerTopic<{ sends: RecentSend[] }>>;

  constructor(dataDir: string) {
    this.store = new JsonFileStore(join(dataDir, 'produce-history.json'), () => ({}));
  }

  async list(clusterId: string, topic: string): Promise<RecentSend[]> {
    return (await this.store.read())[clusterId]?.[topic]?.sends ?? [];
  }

  add(clusterId: string, topic: string, send: RecentSend): Promise<void> {
    return this.store.update((doc) => {
      const byTopic = (doc[clusterId] ??= {});
      const sends = [send, ...(byTopic[topic]?.sends ?? [])].slice(0, PRODUCE_LIMITS.historyPerTopic);
      byTopic[topic] = { sends, touched: Date.now() };
      trimPerTopic(doc, MAX_TOPICS);
    });
  }
}
