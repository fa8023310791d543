/**
 * A small JSON document in the data folder (per-topic view settings, recent sends): read once,
 * updated through a queue so writes never interleave, written atomically. An unreadable file is
 * treated as empty: these are conveniences, never worth refusing to work over.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-file.js';

export class JsonFileStore<T> {
  private data: Promise<T> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly empty: () => T,
  ) {}

  read(): Promise<T> {
    this.data ??= readFile(this.path, 'utf8')
      .then((text) => JSON.parse(text) as T)
      .catch(() => this.empty());
    return this.data;
  }

  /** Applies `change` to the document and saves it; resolves when it is on disk. */
  update(change: (doc: T) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const doc = await this.read();
      change(doc);
      await mkdir(dirname(this.path), { recursive: true });
      await writeFileAtomic(this.path, JSON.stringify(doc));
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** `clusterId → topic → entry`, keeping at most `max` entries overall (least recently touched go first). */
export type PerTopic<E> = Record<string, Record<string, E & { touched: number }>>;

export function trimPerTopic<E>(doc: PerTopic<E>, max: number): void {
  const all: [string, string, number][] = [];
  for (const [c, topics] of Object.entries(doc))
    for (const [t, e] of Object.entries(topics)) all.push([c, t, e.touched]);
  if (all.length <= max) return;
  all.sort((a, b) => a[2] - b[2]);
  for (const [c, t] of all.slice(0, all.length - max)) {
    delete doc[c]![t];
    if (Object.keys(doc[c]!).length === 0) delete doc[c];
  }
}
