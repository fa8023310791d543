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

  /** Throws when the file exists but is not a topic list this broker wrote (see TopicManager.open). */
  load(): TopicRecord[] {
    const data = readJson<FileShape>(this.file);
    if (!data) return [];
    if (data.version !== 1 || !Array.isArray(data.topics)) throw new Error('it is not a topic list');
    return data.topics.map((t) => {
      const id = typeof t?.id === 'string' ? Buffer.from(t.id, 'base64url') : Buffer.alloc(0);
      const valid =
        typeof t.name === 'string' &&
        t.name.length > 0 &&
        id.length === 16 &&
        Number.isInteger(t.partitions) &&
        t.partitions >= 1 &&
        typeof t.configs === 'object' &&
        t.configs !== null &&
        Object.values(t.configs).every((v) => typeof v === 'string');
      if (!valid) throw new Error(`an entry is malformed (${JSON.stringify(t).slice(0, 80)})`);
      return { name: t.name, id, partitions: t.partitions, configs: { ...t.configs } };
    });
  }

  save(topics: Iterable<TopicRecord>): void {
    const out: FileShape = { version: 1, topics: [] };
    for (const t of topics)
      out.topics.push({ name: t.name, id: t.id.toString('base64url'), partitions: t.partitions, configs: t.configs });
    out.topics.sort((a, b) => (a.name < b.name ? -1 : 1));
    writeJsonAtomic(this.file, out);
  }
}
