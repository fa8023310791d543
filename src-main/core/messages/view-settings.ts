/** How keys and values of a topic are shown (auto, text, JSON, hex, base64), remembered per topic. */
import { join } from 'node:path';
import type { TopicViewSettings } from '../../contract/messages.js';
import { JsonFileStore, trimPerTopic, type PerTopic } from './json-file-store.js';

const MAX_TOPICS = 2000;
export const DEFAULT_VIEW: TopicViewSettings = { keyFormat: 'auto', valueFormat: 'auto' };

export class ViewSettingsStore {
  private readonly store: JsonFileStore<PerTopic<TopicViewSettings>>;

  constructor(dataDir: string) {
    this.store = new JsonFileStore(join(dataDir, 'topic-views.json'), () => ({}));
  }

  async get(clusterId: string, topic: string): Promise<TopicViewSettings> {
    const e = (await this.store.read())[clusterId]?.[topic];
    return e ? { keyFormat: e.keyFormat, valueFormat: e.valueFormat } : DEFAULT_VIEW;
  }

  save(clusterId: string, topic: string, settings: TopicViewSettings): Promise<void> {
    return this.store.update((doc) => {
      (doc[clusterId] ??= {})[topic] = { ...settings, touched: Date.now() };
      trimPerTopic(doc, MAX_TOPICS);
    });
  }
}
