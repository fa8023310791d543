import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportParamsSchema, type ExportItem, type ExportParams } from '../../contract/messages.js';
import { resolveBrokerLaunch } from '../../runtime/broker-launch.js';
import { createCore, type Core } from '../index.js';
import { BROKER_KINDS, startHarnessOn } from '../testing/brokers.js';
import { uniqueTopic, type Harness } from '../testing/harness.js';
import { collect, kcatDump, kcatLoad, plainProducer } from '../testing/messages-helpers.js';
import type { OpenExportTarget } from './export.js';

describe.each(BROKER_KINDS)('export on the %s broker', (kind) => {
  let h: Harness;
  let core: Core;
  let clusterId: string;
  let dir: string;
  let topic: string;
  let opened: string[];
  /** What the desktop app's save dialog does, minus the dialog: a file in a temp folder. */
  const saveTo: OpenExportTarget = async ({ fileName }) => {
    const path = join(dir, fileName);
    opened.push(path);
    return { stream: createWriteStream(path), savedTo: path, discard: () => rm(path, { force: true }) };
  };

  beforeAll(async () => {
    h = await startHarnessOn(kind);
    dir = await mkdtemp(join(tmpdir(), 'samsa-export-'));
    core = createCore({
      dataDir: dir,
      events: { emit: () => undefined },
      sandboxLaunch: resolveBrokerLaunch(),
      mode: 'browser',
      version: 'test',
      openExportTarget: saveTo,
    });
    clusterId = (
      await core['connections.create']({ name: 'k', bootstrapServers: [h.bootstrap], tls: false, sasl: null })
    ).id;
    topic = uniqueTopic('export');
    await h.createTopic(topic, 3);
    await kcatLoad(
      h.bootstrap,
      topic,
      Array.from({ length: 100_000 }, (_, i) => `key-${i}\t{"n":${i},"text":"line, \\"quoted\\"\\tand tab"}`),
    );
    const p = await plainProducer(h.bootstrap);
    await p.send({
      topic,
      messages: [
        { partition: 0, key: Buffer.from([0xff, 0x00, 0x01]), value: Buffer.from([0xc3, 0x28]), headers: { h: 'x' } },
      ],
    });
    await p.disconnect();
  });
  afterAll(async () => {
    await core?.close();
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (params: ExportParams, signal?: AbortSignal) => {
    opened = [];
    const { ctx, items } = collect<ExportItem>(signal);
    await core['messages.export'](ExportParamsSchema.parse(params), ctx);
    return items;
  };

  it("100,000 records to JSONL are line for line what kcat reads, in each partition's order", async () => {
    const dump = await kcatDump(h.bootstrap, topic);
    const bounds = await h.admin.fetchTopicOffsets(topic);
    const items = await run({
      clusterId,
      topic,
      format: 'jsonl',
      source: { kind: 'ranges', ranges: bounds.map((b) => ({ partition: b.partition, start: b.low, end: b.high })) },
    });
    const done = items.at(-1) as Extract<ExportItem, { kind: 'done' }>;
    expect(done).toMatchObject({ kind: 'done', records: 100_001, savedTo: opened[0] });
    expect((await stat(opened[0]!)).size).toBe(done.bytes);
    expect(items.some((i) => i.kind === 'progress')).toBe(true);

    const perPartition = new Map<number, string[]>();
    const lines = createInterface({ input: createReadStream(opened[0]!) });
    for await (const line of lines) {
      const j = JSON.parse(line) as {
        topic: string;
        partition: number;
        offset: number;
        key: string;
        keyEncoding?: string;
        value: string;
        valueEncoding?: string;
      };
      expect(j.topic).toBe(topic);
      const key = j.keyEncoding === 'base64' ? `b64:${j.key}` : j.key;
      const value = j.valueEncoding === 'base64' ? `b64:${j.value}` : j.value;
      (perPartition.get(j.partition) ?? perPartition.set(j.partition, []).get(j.partition)!).push(
        `${j.offset} ${key} ${value}`,
      );
    }
    // kcat -J prints bytes that are not UTF-8 lossily; Samsa writes them as base64, checked apart.
    const binary = dump.find((r) => !r.key?.startsWith('key-'))!;
    for (const p of [0, 1, 2]) {
      const want = dump.filter((r) => r.partition === p && r !== binary).map((r) => `${r.offset} ${r.key} ${r.value}`);
      expect(perPartition.get(p)!.filter((l) => !l.includes('b64:'))).toEqual(want);
    }
    expect(perPartition.get(binary.partition)).toContain(
      `${binary.offset} b64:${Buffer.from([0xff, 0x00, 0x01]).toString('base64')} b64:${Buffer.from([0xc3, 0x28]).toString('base64')}`,
    );
  });

  it('search results, every one however many, and CSV that quotes commas, quotes and newlines', async () => {
    const items = await run({
      clusterId,
      topic,
      format: 'csv',
      source: { kind: 'search', scan: { filter: 'value matches /"n":\\d*7,/ and partition != 1' } },
    });
    const done = items.at(-1) as Extract<ExportItem, { kind: 'done' }>;
    const dump = await kcatDump(h.bootstrap, topic);
    const want = dump.filter((r) => r.partition !== 1 && /"n":\d*7,/.test(r.value ?? ''));
    expect(done.records).toBe(want.length);
    const text = await readFile(opened[0]!, 'utf8');
    const rows = text.split('\r\n').filter(Boolean);
    expect(rows[0]).toBe('partition,offset,timestamp,key,value,headers,key_encoding,value_encoding');
    expect(rows).toHaveLength(want.length + 1);
    const r0 = want[0]!;
    expect(rows).toContain(
      `${r0.partition},${r0.offset},${new Date(r0.ts).toISOString()},${r0.key},"${r0.value!.replace(/"/g, '""')}",,utf8,utf8`,
    );
  });

  it('a selection exports only the chosen records', async () => {
    const records = [
      { partition: 0, offset: '5' },
      { partition: 0, offset: '30000' },
      { partition: 2, offset: '7' },
    ];
    const items = await run({ clusterId, topic, format: 'jsonl', source: { kind: 'records', records } });
    expect(items.at(-1)).toMatchObject({ kind: 'done', records: 3 });
    const lines = (await readFile(opened[0]!, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { partition: number; offset: number });
    expect(lines.map((l) => `${l.partition}:${l.offset}`).sort()).toEqual(['0:30000', '0:5', '2:7']);
  });

  it('cancelling removes the partial file', async () => {
    const abort = new AbortController();
    opened = [];
    const { ctx } = collect<ExportItem>(abort.signal);
    const running = core['messages.export'](
      ExportParamsSchema.parse({ clusterId, topic, format: 'jsonl', source: { kind: 'search', scan: { filter: '' } } }),
      { ...ctx, emit: (i) => i.kind === 'progress' && abort.abort() },
    );
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(stat(opened[0]!)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a dismissed save dialog writes nothing and says so', async () => {
    const none = createCore({
      dataDir: dir,
      events: { emit: () => undefined },
      sandboxLaunch: resolveBrokerLaunch(),
      mode: 'electron',
      version: 'test',
      openExportTarget: async () => null,
    });
    try {
      const id = (await none['connections.list']({}))[0]!.id;
      const { ctx, items } = collect<ExportItem>();
      await none['messages.export'](
        ExportParamsSchema.parse({
          clusterId: id,
          topic,
          format: 'jsonl',
          source: { kind: 'records', records: [{ partition: 0, offset: '1' }] },
        }),
        ctx,
      );
      expect(items).toEqual([{ kind: 'not-saved' }]);
    } finally {
      await none.close();
    }
  });
});
