/** The persisted list of topics (name, id, partition count, config overrides) in topics.json. */
import path from 'node:path';
import { readJson, writeJsonAtomic } from '../../util/atomic-file.js';

export interface TopicRecord {
  name: string;
  /** Kafka topic id, 16 bytes. */
  id: Buffer;
  partitions: number;
  configs: Record<string, string>;
}

interface FileShape {
  version: 1;
  topics: Array<{ name: string; id: string; partitions: number; configs: Record<string, string> }>;
}

export class TopicRegistryFile {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'topics.json');
  }

  load(): TopicRecord[] {
    const data = readJson<FileShape>(this.file);
    if (!data) return [];
    return data.topics.map((t) => ({
      name: t.name,
      id: Buffer.from(t.id, 'base64url'),
      partitions: t.partitions,
      configs: { ...t.configs },
    }));
  }

  save(topics: Iterable<TopicRecord>): void {
    const out: FileShape = { version: 1, topics: [] };
    for (const t of topics)
      out.topics.push({ name: t.name, id: t.id.toString('base64url'), partitions: t.partitions, configs: t.configs });
    out.topics.sort((a, b) => (a.name < b.name ? -1 : 1));
    writeJsonAtomic(this.file, out);
  }
}
