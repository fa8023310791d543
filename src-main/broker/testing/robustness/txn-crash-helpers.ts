/**
 * Helpers for the transactional crash test: a kafkajs transactional producer that commits two
 * transactions out of three and aborts the third, logging which values each outcome covers, and the
 * read_committed contract checked after a kill -9.
 */
import type { Producer } from 'kafkajs';
import { partitionOf, type StoredRecord } from './crash-helpers.js';
import { kafka } from './kafka-check.js';

export interface TxnLog {
  /** Values of transactions whose commit was acknowledged. */
  committed: number[];
  /** Values of transactions that were aborted, or meant to be (never visible to read_committed). */
  aborted: number[];
  /** Values of the transaction whose commit was in flight at the kill: visible at most once, or not at all. */
  inDoubt: number[];
  nextValue: number;
  transactions: number;
}

export function transactionalProducer(bootstrap: string, transactionalId: string): Producer {
  return kafka(bootstrap, 'txn-crash-producer').producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 60_000,
    retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 },
  });
}

/**
 * Runs transactions of `perTxn` numbered records (spread over the partitions, key k<n%10>) until
 * `stop()` says so or one fails; every third transaction is aborted on purpose.
 */
export async function produceTransactions(
  producer: Producer,
  topic: string,
  from: number,
  stop: (log: TxnLog) => boolean,
  perTxn = 12,
): Promise<TxnLog> {
  const log: TxnLog = { committed: [], aborted: [], inDoubt: [], nextValue: from, transactions: 0 };
  while (!stop(log)) {
    const values = Array.from({ length: perTxn }, (_, i) => log.nextValue + i);
    log.nextValue += perTxn;
    const commit = log.transactions % 3 !== 2;
    log.transactions++;
    try {
      const txn = await producer.transaction();
      await txn.send({
        topic,
        acks: -1,
        messages: values.map((n) => ({ key: `k${n % 10}`, value: String(n), partition: partitionOf(n) })),
      });
      if (commit) await txn.commit();
      else await txn.abort();
    } catch {
      (commit ? log.inDoubt : log.aborted).push(...values);
      return log;
    }
    (commit ? log.committed : log.aborted).push(...values);
  }
  return log;
}

/**
 * What a read_committed reader must see after the crash: every committed value exactly once, in
 * offset order; no aborted value; in-doubt values at most once; nothing that was never sent.
 */
export function checkCommitted(
  stored: StoredRecord[][],
  log: Pick<TxnLog, 'committed' | 'aborted' | 'inDoubt'>,
): string[] {
  const problems: string[] = [];
  const seen = new Map<number, number>();
  stored.forEach((recs, p) => {
    for (let i = 1; i < recs.length; i++)
      if (recs[i].offset <= recs[i - 1].offset)
        problems.push(`p${p}: offset ${recs[i].offset} after ${recs[i - 1].offset}`);
    for (const r of recs) {
      seen.set(r.value, (seen.get(r.value) ?? 0) + 1);
      if (partitionOf(r.value) !== p) problems.push(`p${p}@${r.offset}: value ${r.value} in the wrong partition`);
    }
  });
  const aborted = new Set(log.aborted);
  const known = new Set([...log.committed, ...log.aborted, ...log.inDoubt]);
  for (const v of log.committed) if (seen.get(v) !== 1) problems.push(`committed ${v} seen ${seen.get(v) ?? 0} times`);
  for (const [v, n] of seen) {
    if (aborted.has(v)) problems.push(`aborted ${v} visible to read_committed`);
    else if (!known.has(v)) problems.push(`value ${v} visible but never sent`);
    else if (n > 1) problems.push(`value ${v} seen ${n} times`);
  }
  return problems.slice(0, 20);
}
