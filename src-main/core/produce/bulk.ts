/**
 * Many records from templates, as fast as the cluster takes them or at a set rate, with progress and
 * Cancel. Records are built one send at a time (never all N up front) and a few sends stay in
 * flight, so a million records cost the memory of a few thousand.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { SubscriptionContext } from '../../contract/define.js';
import { partitionForKey } from '../../contract/key-partition.js';
import type { ValidSubscriptionParamsOf } from '../../contract/methods.js';
import type { BulkProduceItem, BulkProgress } from '../../contract/produce.js';
import { parseTemplate, renderTemplate, type TemplatePart } from '../../contract/produce-template.js';
import { requirePartition, requireTopic } from '../topics/require-topic.js';
import type { OutRecord } from './produce-codec.js';
import { sendMany, type Producers } from './send.js';

const SEND_RECORDS = 5000;
const IN_FLIGHT = 6;
const PROGRESS_EVERY_MS = 250;
const NO_HEADERS: OutRecord['headers'] = [];

function parts(template: string): TemplatePart[] {
  const p = parseTemplate(template);
  if (!p.ok) throw new AppError('VALIDATION', `${p.message} (at character ${p.at + 1})`);
  return p.parts;
}

export async function bulkProduce(
  cluster: Cluster,
  producers: Producers,
  params: ValidSubscriptionParamsOf<'produce.bulk'>,
  ctx: SubscriptionContext<BulkProduceItem>,
  now: () => number = Date.now,
): Promise<BulkProgress> {
  const topic = await requireTopic(cluster, params.topic);
  if (params.partition !== null) requirePartition(topic, params.partition, 'partition');
  const partitionCount = topic.partitionMetadata.length;
  const key = params.key === null ? null : parts(params.key);
  const value = params.value === null ? null : parts(params.value);
  const headers = params.headers.map((h) => ({ key: h.key, value: parts(h.value) }));
  const checkEvery = params.valueFormat === 'json' && value !== null && !jsonShapeSettled(value, now);
  const counts = new Map<number, number>();
  let countsKnown = true;
  const count = (writes: { partition: number; count: number }[] | null, sent: OutRecord[]) => {
    if (writes) for (const w of writes) counts.set(w.partition, (counts.get(w.partition) ?? 0) + w.count);
    else
      for (const r of sent) {
        const p = r.partition ?? (r.key !== null ? partitionForKey(r.key, partitionCount) : null);
        if (p === null) countsKnown = false;
        else counts.set(p, (counts.get(p) ?? 0) + 1);
      }
  };

  // One context for every record (renderTemplate keeps nothing of it): a million sends, no garbage here.
  const tctx = { seq: 0, now, random: Math.random, uuid: randomUUID };
  const build = (seq: number): OutRecord => {
    tctx.seq = seq;
    const k = key && renderTemplate(key, tctx);
    const v = value && renderTemplate(value, tctx);
    if (params.valueFormat === 'json' && v !== null && (seq === 1 || checkEvery)) {
      try {
        JSON.parse(v);
      } catch (e) {
        throw new AppError('VALIDATION', `Record ${seq}'s value is not valid JSON: ${(e as Error).message}`, {
          field: 'value',
        });
      }
    }
    return {
      // The key's bytes pick the partition (murmur2); the value is written into the batch as text.
      key: k === null ? null : Buffer.from(k),
      value: v,
      headers:
        headers.length === 0
          ? NO_HEADERS
          : headers.map((h) => ({ key: h.key, value: Buffer.from(renderTemplate(h.value, tctx)) })),
      partition: params.partition,
    };
  };

  const started = Date.now();
  let built = 0;
  let sent = 0;
  let lastProgress = 0;
  const stats = (): BulkProgress => {
    const elapsedMs = Date.now() - started;
    return {
      sent,
      total: params.count,
      elapsedMs,
      recordsPerSecond: elapsedMs > 0 ? Math.round((sent * 1000) / elapsedMs) : 0,
    };
  };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;

  while (built < params.count && failure === null) {
    if (ctx.signal.aborted) break;
    let n = Math.min(SEND_RECORDS, params.count - built);
    if (params.ratePerSecond !== null) {
      // Paced: never ahead of where the rate says we should be; small sends keep it smooth.
      n = Math.min(n, Math.max(1, Math.ceil(params.ratePerSecond / 20)));
      const dueAt = started + (built * 1000) / params.ratePerSecond;
      if (dueAt > Date.now()) await sleep(dueAt - Date.now(), ctx.signal);
      if (ctx.signal.aborted) break;
    }
    let sending: Promise<{ partition: number; count: number }[] | null>;
    let messages: OutRecord[] = [];
    if (params.options.idempotent) {
      // kafkajs's idempotent producer takes a list (and says nothing of where records went: counted by key).
      messages = Array.from({ length: n }, (_, i) => build(built + i + 1));
      sending = sendMany(producers, topic, messages, params.options);
    } else {
      // Each record goes into its partition's batch as it is made, and is let go.
      const codec = await producers.codec();
      const batches = codec.batches(topic);
      for (let i = 1; i <= n; i++) batches.add(build(built + i));
      sending = codec.sendBatches(topic, batches, params.options);
    }
    built += n;
    const send = sending.then(
      (writes) => {
        sent += n;
        count(writes, messages);
      },
      (e: unknown) => {
        failure ??= e;
      },
    );
    const tracked: Promise<void> = send.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      ctx.emit({ kind: 'progress', ...stats() });
      await ctx.whenWritable();
    }
  }
  await Promise.all(inFlight);
  if (failure !== null) throw failure;
  const result = stats();
  if (!ctx.signal.aborted) {
    const partitions = countsKnown
      ? [...counts].map(([partition, count]) => ({ partition, count })).sort((a, b) => a.partition - b.partition)
      : [];
    ctx.emit({ kind: 'done', ...result, partitions });
  }
  return result;
}

const MAX_PICK_COMBINATIONS = 256;

/**
 * Whether checking record 1 is enough to know every record's value is JSON. Placeholders render the
 * same kind of text for every record (digits, a UUID, a time, words from fixed lists) except
 * pick(), whose choices may differ in kind ("1" or "x"), and random.hex() (digits or letters). So
 * every combination of pick() choices is rendered and checked once, up front; with random.hex()
 * or too many combinations, each record is checked as it is built.
 */
function jsonShapeSettled(parts: TemplatePart[], now: () => number): boolean {
  if (parts.some((p) => 'fn' in p && p.fn === 'random.hex')) return false;
  const picks = parts.filter((p): p is Extract<TemplatePart, { fn: string }> => 'fn' in p && p.fn === 'pick');
  const combinations = picks.reduce((n, p) => n * p.args.length, 1);
  if (combinations > MAX_PICK_COMBINATIONS) return false;
  const ctx = { seq: 1, now, random: Math.random, uuid: randomUUID };
  for (let c = 0; c < combinations; c++) {
    let rest = c;
    const fixed = parts.map((p) => {
      if (!('fn' in p) || p.fn !== 'pick') return p;
      const choice = p.args[rest % p.args.length]!;
      rest = Math.floor(rest / p.args.length);
      return { text: String(choice) };
    });
    try {
      JSON.parse(renderTemplate(fixed, ctx));
    } catch {
      return false; // some records would not be JSON: check each one, and name the first
    }
  }
  return true;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const SUMMARY_CHARS = 60;

/** What a recent bulk send was made of, short: its key and value templates. */
export function templateSummary(key: string | null, value: string | null): string {
  const cut = (t: string) => (t.length > SUMMARY_CHARS ? `${t.slice(0, SUMMARY_CHARS - 1)}…` : t);
  return [key === null ? 'no key' : `key ${cut(key)}`, value === null ? 'no value' : `value ${cut(value)}`].join(', ');
}
