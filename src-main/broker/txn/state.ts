/**
 * What the transaction coordinator knows of one transactional id (Kafka's TransactionMetadata), its
 * states, and the limits it enforces. Kept plain so the coordinator log can write it as JSON.
 */

/** Kafka's transaction states, by the names DescribeTransactions and ListTransactions use. */
export const TxnState = {
  Empty: 'Empty',
  Ongoing: 'Ongoing',
  PrepareCommit: 'PrepareCommit',
  PrepareAbort: 'PrepareAbort',
  CompleteCommit: 'CompleteCommit',
  CompleteAbort: 'CompleteAbort',
  PrepareEpochFence: 'PrepareEpochFence',
  Dead: 'Dead',
} as const;
export type TxnStateName = (typeof TxnState)[keyof typeof TxnState];
export const TXN_STATE_NAMES: ReadonlySet<string> = new Set(Object.values(TxnState));

/** The limits, with Kafka's defaults where Kafka has the setting. */
export const TXN_LIMITS = {
  /** transaction.max.timeout.ms: the longest transaction.timeout.ms a producer may ask for (15 min). */
  maxTimeoutMs: 900_000,
  /** transactional.id.expiration.ms: an idle id with no open transaction is forgotten after 7 days. */
  idExpirationMs: 7 * 24 * 3600 * 1000,
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms; Kafka checks every 10 s, the sandbox every second. */
  abortCheckIntervalMs: 1000,
  /** Partitions one transaction may write to (Kafka has no limit; this bounds memory and each state record). */
  maxPartitionsPerTxn: 10_000,
  /** Consumer groups and offsets one transaction may commit (TxnOffsetCommit). */
  maxGroupsPerTxn: 100,
  maxPendingOffsetsPerTxn: 10_000,
  /** Transactional ids the coordinator keeps at once; InitProducerId for a new id past this is refused. */
  maxTransactionalIds: 100_000,
} as const;

/** Producer epochs are int16; at Short.MAX_VALUE - 1 a new producer id is handed out instead (Kafka's rule). */
export const MAX_PRODUCER_EPOCH = 0x7fff - 1;
export const NO_EPOCH = -1;
export const NO_PRODUCER_ID = -1n;
/** This single node has always led the one transaction-state "partition" at epoch 0. */
export const COORDINATOR_EPOCH = 0;

/** One offset a transaction will commit: [topic, partition, offset (decimal), leaderEpoch, metadata]. */
export type PendingOffset = [string, number, string, number, string];

export interface TxnMetadata {
  transactionalId: string;
  producerId: bigint;
  /** The id before the last rotation (epoch exhaustion), so a retried InitProducerId is recognised. */
  previousProducerId: bigint;
  producerEpoch: number;
  /** The epoch before the last bump, for KIP-360 retries of InitProducerId (-1 when unknown). */
  lastProducerEpoch: number;
  timeoutMs: number;
  state: TxnStateName;
  /** "topic\0partition" of every data partition in the open transaction. */
  partitions: Set<string>;
  /** Consumer groups added with AddOffsetsToTxn, with the offsets TxnOffsetCommit left pending. */
  groups: Map<string, Map<string, PendingOffset>>;
  /** When the open transaction began (-1 before the first). */
  startTimeMs: number;
  lastUpdateMs: number;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function splitPartitionKey(key: string): [string, number] {
  const i = key.lastIndexOf('\u0000');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}

export function isEpochExhausted(epoch: number): boolean {
  return epoch >= MAX_PRODUCER_EPOCH;
}

export function pendingOffsetCount(m: TxnMetadata): number {
  let n = 0;
  for (const offsets of m.groups.values()) n += offsets.size;
  return n;
}

/** The JSON form of TxnMetadata in the coordinator log. */
export interface PersistedTxn {
  id: string;
  pid: string;
  prevPid: string;
  epoch: number;
  lastEpoch: number;
  timeoutMs: number;
  state: TxnStateName;
  partitions: [string, number][];
  groups: [string, PendingOffset[]][];
  startMs: number;
  updateMs: number;
}

export function toPersisted(m: TxnMetadata): PersistedTxn {
  return {
    id: m.transactionalId,
    pid: m.producerId.toString(),
    prevPid: m.previousProducerId.toString(),
    epoch: m.producerEpoch,
    lastEpoch: m.lastProducerEpoch,
    timeoutMs: m.timeoutMs,
    state: m.state,
    partitions: [...m.partitions].map(splitPartitionKey),
    groups: [...m.groups].map(([g, offsets]) => [g, [...offsets.values()]]),
    startMs: m.startTimeMs,
    updateMs: m.lastUpdateMs,
  };
}

export function fromPersisted(p: PersistedTxn): TxnMetadata {
  return {
    transactionalId: p.id,
    producerId: BigInt(p.pid),
    previousProducerId: BigInt(p.prevPid),
    producerEpoch: p.epoch,
    lastProducerEpoch: p.lastEpoch,
    timeoutMs: p.timeoutMs,
    state: TXN_STATE_NAMES.has(p.state) ? p.state : TxnState.Empty,
    partitions: new Set(p.partitions.map(([t, n]) => partitionKey(t, n))),
    groups: new Map(p.groups.map(([g, offsets]) => [g, new Map(offsets.map((o) => [partitionKey(o[0], o[1]), o]))])),
    startTimeMs: p.startMs,
    lastUpdateMs: p.updateMs,
  };
}
