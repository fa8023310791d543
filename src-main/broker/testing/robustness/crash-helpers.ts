/**
 * Helpers for the crash test: an idempotent producer that records every acknowledged record, and a
 * kcat-based reader that dumps a partition from the beginning (no consumer group involved).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Producer } from 'kafkajs';
import { kafka } from './kafka-check.js';

const run = promisify(execFile);

export const PARTITIONS = 3;
/** Same key, same partition (keys k0..k9), chosen by us so acknowledged offsets are unambiguous. */
export const partitionOf = (n: number) => (n % 10) % PARTITIONS;

export interface Acked {
  partition: number;
  offset: bigint;
  value: number;
}

export interface ProduceLog {
  acked: Acked[];
  /** Values of the send that was in flight when the broker died (may or may not be stored). */
  inFlight: number[];
  nextValue: number;
}

export function idempotentProducer(bootstrap: string): Producer {
  // kafkajs insists on maxInFlightRequests 1 for idempotence; few retries so a dead broker fails fast.
  return kafka(bootstrap, 'crash-producer').producer({
    idempotent: true,
    maxInFlightRequests: 1,
    retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 },
  });
}

/**
 * Sends batches of `batchSize` numbered records (value = n, key = k<n%10>) with acks=-1 until
 * `stop()` says so or a send fails; each acknowledged record is logged with its offset.
 */
export async function produceNumbered(
  producer: Producer,
  topic: string,
  from: number,
  stop: (log: ProduceLog) => boolean,
  batchSize = 10,
): Promise<ProduceLog> {
  const log: ProduceLog = { acked: [], inFlight: [], nextValue: from };
  while (!stop(log)) {
    const values = Array.from({ length: batchSize }, (_, i) => log.nextValue + i);
    try {
      const meta = await producer.send({
        topic,
        acks: -1,
        messages: values.map((n) => ({ key: `k${n % 10}`, value: String(n), partition: partitionOf(n) })),
      });
      // kafkajs keeps a partition's messages in send order: its i-th message sits at baseOffset + i.
      for (let p = 0; p < PARTITIONS; p++) {
        const m = meta.find((x) => x.partition === p);
        const mine = values.filter((n) => partitionOf(n) === p);
        if (mine.length === 0) continue;
        if (!m || m.errorCode !== 0 || m.baseOffset === undefined)
          throw new Error(`no ack for partition ${p}: ${JSON.stringify(m)}`);
        mine.forEach((value, i) => log.acked.push({ partition: p, offset: BigInt(m.baseOffset!) + BigInt(i), value }));
      }
    } catch {
      log.inFlight = values;
      log.nextValue += batchSize;
      return log;
    }
    log.nextValue += batchSize;
  }
  return log;
}

export interface StoredRecord {
  offset: bigint;
  key: string;
  value: number;
}

/** Every record of a partition from offset 0 to the end, via kcat. */
export async function readPartition(bootstrap: string, topic: string, partition: number): Promise<StoredRecord[]> {
  const { stdout } = await run(
    '/usr/bin/kcat',
    ['-C', '-b', bootstrap, '-t', topic, '-p', String(partition), '-o', 'beginning', '-e', '-q', '-f', '%o %k %s\\n'],
    { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
  );
  return stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [o, k, v] = l.split(' ');
      return { offset: BigInt(o), key: k, value: Number(v) };
    });
}

export async function readAll(bootstrap: string, topic: string): Promise<StoredRecord[][]> {
  return Promise.all(Array.from({ length: PARTITIONS }, (_, p) => readPartition(bootstrap, topic, p)));
}

/**
 * The durability contract after a crash: every acknowledged record sits at its acknowledged offset;
 * offsets are increasing; no value is stored twice; nothing is stored that was never sent.
 * Returns a list of violations (empty when all hold).
 */
export function checkDurability(stored: StoredRecord[][], acked: Acked[], maybe: Set<number>): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  stored.forEach((recs, p) => {
    for (let i = 1; i < recs.length; i++)
      if (recs[i].offset <= recs[i - 1].offset)
        problems.push(`p${p}: offset ${recs[i].offset} after ${recs[i - 1].offset}`);
    for (const r of recs) {
      if (seen.has(r.value)) problems.push(`p${p}: value ${r.value} stored twice`);
      seen.add(r.value);
      if (r.key !== `k${r.value % 10}` || partitionOf(r.value) !== p)
        problems.push(`p${p}@${r.offset}: record ${r.key}=${r.value} in the wrong place`);
    }
  });
  const ackedValues = new Set(acked.map((a) => a.value));
  for (const recs of stored)
    for (const r of recs)
      if (!ackedValues.has(r.value) && !maybe.has(r.value)) problems.push(`value ${r.value} stored but never sent`);
  const byOffset = stored.map((recs) => new Map(recs.map((r) => [r.offset, r.value])));
  for (const a of acked) {
    const v = byOffset[a.partition].get(a.offset);
    if (v !== a.value) problems.push(`acked ${a.value} at p${a.partition}@${a.offset} but found ${v ?? 'nothing'}`);
  }
  return problems.slice(0, 20);
}

/** The .log files of a partition, oldest first. */
export function segmentFiles(dataDir: string, topic: string, partition: number): string[] {
  const dir = path.join(dataDir, 'logs', `${topic}-${partition}`);
  return fs
    .readdirSync(dir)
    .filter((n) => /^\d{20}\.log$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}
