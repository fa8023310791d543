/** Read-only views of the coordinator's state: DescribeTransactions, ListTransactions, pending offsets. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { TransactionCoordinator } from './coordinator.js';
import { partitionKey, splitPartitionKey, TXN_STATE_NAMES, TxnState, type TxnMetadata } from './state.js';

export interface DescribedTxn {
  errorCode: number;
  transactionalId: string;
  transactionState: string;
  transactionTimeoutMs: number;
  transactionStartTimeMs: bigint;
  producerId: bigint;
  producerEpoch: number;
  topics: { topic: string; partitions: number[] }[];
}

function topicsOf(m: TxnMetadata): DescribedTxn['topics'] {
  const byTopic = new Map<string, number[]>();
  for (const key of m.partitions) {
    const [topic, partition] = splitPartitionKey(key);
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(partition);
  }
  return [...byTopic]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([topic, ps]) => ({ topic, partitions: ps.sort((a, b) => a - b) }));
}

export function describeTransaction(c: TransactionCoordinator, txnId: string): DescribedTxn {
  const none: DescribedTxn = {
    errorCode: ErrorCode.NONE,
    transactionalId: txnId,
    transactionState: '',
    transactionTimeoutMs: 0,
    transactionStartTimeMs: -1n,
    producerId: -1n,
    producerEpoch: -1,
    topics: [],
  };
  if (txnId === '') return { ...none, errorCode: ErrorCode.INVALID_REQUEST };
  const m = c.txns.get(txnId);
  if (!m || m.state === TxnState.Dead) return { ...none, errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND };
  return {
    ...none,
    transactionState: m.state,
    transactionTimeoutMs: m.timeoutMs,
    transactionStartTimeMs: BigInt(m.startTimeMs),
    producerId: m.producerId,
    producerEpoch: m.producerEpoch,
    topics: topicsOf(m),
  };
}

export interface ListTxnFilters {
  states: string[];
  producerIds: bigint[];
  /** Below 0: no filter; otherwise only transactions running longer than this (ms). */
  durationMs: bigint;
}

export function listTransactions(c: TransactionCoordinator, f: ListTxnFilters, nowMs = Date.now()) {
  const unknownStateFilters = f.states.filter((s) => !TXN_STATE_NAMES.has(s));
  const states = new Set(f.states);
  const pids = new Set(f.producerIds);
  const transactionStates = [...c.txns.values()]
    .filter(
      (m) =>
        m.state !== TxnState.Dead &&
        (states.size === 0 || states.has(m.state)) &&
        (pids.size === 0 || pids.has(m.producerId)) &&
        (f.durationMs < 0n || (m.startTimeMs >= 0 && BigInt(nowMs - m.startTimeMs) > f.durationMs)),
    )
    .sort((a, b) => (a.transactionalId < b.transactionalId ? -1 : 1))
    .map((m) => ({ transactionalId: m.transactionalId, producerId: m.producerId, transactionState: m.state }));
  return { errorCode: ErrorCode.NONE, unknownStateFilters, transactionStates };
}

/** True while an open transaction holds an offset for this group and partition (OffsetFetch requireStable). */
export function hasPendingOffset(
  c: TransactionCoordinator,
  groupId: string,
  topic: string,
  partition: number,
): boolean {
  const key = partitionKey(topic, partition);
  for (const m of c.txns.values()) {
    if (m.state === TxnState.CompleteCommit || m.state === TxnState.CompleteAbort || m.state === TxnState.Empty)
      continue;
    if (m.groups.get(groupId)?.has(key)) return true;
  }
  return false;
}
