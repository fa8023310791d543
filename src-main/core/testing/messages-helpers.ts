/** Helpers for the messages and produce integration tests: walking pages, dumping a topic with kcat. */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import kafkajs, { type Producer } from 'kafkajs';
import type { Core } from '../index.js';
import {
  PageParamsSchema,
  SearchParamsSchema,
  type MessagePage,
  type PageParams,
  type SearchItem,
  type SearchParams,
} from '../../contract/messages.js';
import type { SubscriptionContext } from '../../contract/define.js';

const { Kafka, logLevel, Partitioners } = kafkajs;
const run = promisify(execFile);

export const refOf = (m: { partition: number; offset: string }) => `${m.partition}:${m.offset}`;

/** Follows Older (or Newer) from a first page until there is nothing left; returns every page. */
export async function walkPages(
  core: Core,
  first: PageParams,
  direction: 'older' | 'newer',
  maxPages = 10_000,
): Promise<MessagePage[]> {
  const pages: MessagePage[] = [];
  const read = (p: PageParams) => core['messages.page'](PageParamsSchema.parse(p));
  let page = await read(first);
  pages.push(page);
  while (pages.length < maxPages) {
    const more = direction === 'older' ? page.hasOlder : page.hasNewer;
    if (!more) break;
    const positions = page.partitions.map((p) => ({
      partition: p.partition,
      offset: direction === 'older' ? p.start : p.end,
    }));
    page = await read({ ...first, from: { kind: 'positions', direction, positions } });
    if (page.messages.length === 0) break;
    pages.push(page);
  }
  return pages;
}

export interface KcatRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  ts: number;
}

/** Every readable record of a topic as kcat (librdkafka, read_committed) sees it. */
export async function kcatDump(bootstrap: string, topic: string, extra: string[] = []): Promise<KcatRecord[]> {
  const { stdout } = await run(
    'kcat',
    [
      '-b',
      bootstrap,
      '-C',
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-q',
      '-J',
      '-X',
      'isolation.level=read_committed',
      ...extra,
    ],
    { maxBuffer: 1024 * 1024 * 1024, timeout: 120_000 },
  );
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const j = JSON.parse(l) as {
        partition: number;
        offset: number;
        key: string | null;
        payload: string | null;
        ts: number;
      };
      return { partition: j.partition, offset: j.offset, key: j.key, value: j.payload, ts: j.ts };
    });
}

/** Writes lines `key<TAB>value` with kcat -P (fast bulk load, librdkafka batching). */
export async function kcatLoad(bootstrap: string, topic: string, lines: string[], extra: string[] = []): Promise<void> {
  const child = spawn('kcat', ['-b', bootstrap, '-P', '-t', topic, '-K', '\t', ...extra], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin.end(lines.join('\n') + '\n');
  const code = await done;
  if (code !== 0) throw new Error(`kcat -P failed (${code}): ${err}`);
}

export async function plainProducer(bootstrap: string): Promise<Producer> {
  const p = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await p.connect();
  return p;
}

/** Runs a subscription in-process and collects its items. */
export function collect<T>(signal = new AbortController().signal): { ctx: SubscriptionContext<T>; items: T[] } {
  const items: T[] = [];
  return { items, ctx: { signal, emit: (i) => items.push(i), whenWritable: async () => undefined } };
}

export async function searchAll(core: Core, params: SearchParams) {
  const { ctx, items } = collect<SearchItem>();
  await core['messages.search'](SearchParamsSchema.parse(params), ctx);
  const matches = items.flatMap((i) => (i.kind === 'matches' ? i.messages : []));
  const done = items.find((i): i is Extract<SearchItem, { kind: 'done' }> => i.kind === 'done');
  return { matches, done, items };
}

export const text = (b: { base64: string } | null | undefined): string | null =>
  b ? Buffer.from(b.base64, 'base64').toString('utf8') : null;
