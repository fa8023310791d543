/**
 * The transaction coordinator (Kafka's TransactionCoordinator, transactions v1): transactional ids
 * mapped to producer ids and epochs, the state machine Empty → Ongoing → Prepare* → Complete*, and
 * fencing. Everything it does is synchronous: EndTxn writes every marker and commits the pending
 * offsets before it answers, so a client never sees a Prepare* state unless a marker write failed
 * (then the periodic check retries it, as Kafka's marker channel does).
 *
 * Every change is written to the coordinator log (txn-log.ts) before the client is answered. After
 * a restart, transactions found in Prepare* are completed again (markers are idempotent for
 * readers: a second marker for a closed transaction closes nothing).
 */
import { ErrorCode, type ErrorCodeValue } from '../../kafka-protocol/index.js';
import type { TxnMarker } from '../log/txn-markers.js';
import {
  COORDINATOR_EPOCH,
  fromPersisted,
  isEpochExhausted,
  NO_EPOCH,
  NO_PRODUCER_ID,
  partitionKey,
  pendingOffsetCount,
  splitPartitionKey,
  toPersisted,
  TXN_LIMITS,
  TxnState,
  type PendingOffset,
  type TxnMetadata,
} from './state.js';
import { TxnLog } from './txn-log.js';

/** Where the coordinator's decisions land: the data partitions and the group coordinator. */
export interface TxnTargets {
  /** Appends a marker; false when the partition no longer exists (nothing to mark). Throws on storage errors. */
  writeMarker(topic: string, partition: number, marker: TxnMarker): boolean;
  /** Makes committed transactional offsets visible to the group. Throws when they cannot be stored. */
  commitOffsets(groupId: string, offsets: PendingOffset[]): void;
}

export interface TxnCoordinatorOptions {
  dataDir: string;
  allocateProducerId(): bigint;
  targets: TxnTargets;
  now?: () => number;
  log?: (level: 'info' | 'warn', msg: string) => void;
  fsync?: boolean;
  compactAfterRecords?: number;
  /** 0 turns the periodic timeout check off (tests call abortTimedOut themselves). */
  abortCheckIntervalMs?: number;
}

export interface ProducerIdAndEpoch {
  producerId: bigint;
  producerEpoch: number;
}

export interface InitProducerIdResult extends ProducerIdAndEpoch {
  errorCode: number;
}

const initError = (errorCode: number): InitProducerIdResult => ({
  errorCode,
  producerId: NO_PRODUCER_ID,
  producerEpoch: NO_EPOCH,
});

function clone(m: TxnMetadata): TxnMetadata {
  return {
    ...m,
    partitions: new Set(m.partitions),
    groups: new Map([...m.groups].map(([g, o]) => [g, new Map(o)])),
  };
}

export class TransactionCoordinator {
  /** Every known transactional id; read by queries.ts for Describe/ListTransactions. */
  readonly txns = new Map<string, TxnMetadata>();
  private readonly txnLog: TxnLog;
  private readonly now: () => number;
  private readonly log: NonNullable<TxnCoordinatorOptions['log']>;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: TxnCoordinatorOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
    this.txnLog = new TxnLog(opts.dataDir, {
      fsync: opts.fsync,
      compactAfterRecords: opts.compactAfterRecords,
      warn: (m) => this.log('warn', m),
    });
    for (const [id, p] of this.txnLog.load()) this.txns.set(id, fromPersisted(p));
    // A crash between "prepare" and "complete": finish what was decided.
    for (const m of this.txns.values()) if (this.isPreparing(m)) this.complete(m);
    const interval = opts.abortCheckIntervalMs ?? TXN_LIMITS.abortCheckIntervalMs;
    if (interval > 0) {
      this.timer = setInterval(() => this.abortTimedOut(), interval);
      this.timer.unref();
    }
  }

  // ---------------------------------------------------------------- InitProducerId

  initProducerId(txnId: string, timeoutMs: number, expected: ProducerIdAndEpoch | null): InitProducerIdResult {
    if (txnId === '') return initError(ErrorCode.INVALID_REQUEST);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > TXN_LIMITS.maxTimeoutMs)
      return initError(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    let m = this.txns.get(txnId);
    if (!m) {
      if (this.txns.size >= TXN_LIMITS.maxTransactionalIds) {
        this.log('warn', `refused transactional id ${txnId}: ${TXN_LIMITS.maxTransactionalIds} ids are in use`);
        return initError(ErrorCode.INVALID_REQUEST);
      }
      m = this.fresh(txnId, timeoutMs);
    }
    if (expected && !this.isValidExpected(m, expected)) return initError(ErrorCode.PRODUCER_FENCED);
    if (this.isPreparing(m) && !this.complete(m)) return initError(ErrorCode.CONCURRENT_TRANSACTIONS);
    m = this.txns.get(txnId) ?? m;
    if (m.state === TxnState.Ongoing) {
      // Fence the old producer by aborting its transaction at a bumped epoch (Kafka's PrepareEpochFence).
      if (!this.fenceAndAbort(m)) return initError(ErrorCode.CONCURRENT_TRANSACTIONS);
      m = this.txns.get(txnId)!;
    }
    const next = clone(m);
    if (isEpochExhausted(next.producerEpoch) && (!expected || expected.producerEpoch === next.producerEpoch)) {
      next.previousProducerId = next.producerId;
      next.producerId = this.opts.allocateProducerId();
      next.producerEpoch = 0;
      next.lastProducerEpoch = NO_EPOCH;
    } else if (!expected || next.producerEpoch === NO_EPOCH || expected.producerEpoch === next.producerEpoch) {
      next.lastProducerEpoch = expected ? next.producerEpoch : NO_EPOCH;
      next.producerEpoch += 1;
    } else if (next.lastProducerEpoch === NO_EPOCH || expected.producerEpoch !== next.lastProducerEpoch) {
      return initError(ErrorCode.PRODUCER_FENCED);
    } // else: a retry of the bump the client never heard about: answer the current epoch again.
    next.timeoutMs = timeoutMs;
    next.state = TxnState.Empty;
    next.partitions.clear();
    next.groups.clear();
    next.startTimeMs = -1;
    next.lastUpdateMs = this.now();
    if (!this.store(next)) return initError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    this.log('info', `initialized transactional id ${txnId}: producer ${next.producerId} epoch ${next.producerEpoch}`);
    return { errorCode: ErrorCode.NONE, producerId: next.producerId, producerEpoch: next.producerEpoch };
  }

  private fresh(txnId: string, timeoutMs: number): TxnMetadata {
    return {
      transactionalId: txnId,
      producerId: this.opts.allocateProducerId(),
      previousProducerId: NO_PRODUCER_ID,
      producerEpoch: NO_EPOCH,
      lastProducerEpoch: NO_EPOCH,
      timeoutMs,
      state: TxnState.Empty,
      partitions: new Set(),
      groups: new Map(),
      startTimeMs: -1,
      lastUpdateMs: this.now(),
    };
  }

  /** KIP-360: a producer that names its id and epoch is fenced unless they are (or just were) current. */
  private isValidExpected(m: TxnMetadata, e: ProducerIdAndEpoch): boolean {
    return (
      m.producerEpoch === NO_EPOCH ||
      e.producerId === m.producerId ||
      (e.producerId === m.previousProducerId && isEpochExhausted(e.producerEpoch))
    );
  }

  // ---------------------------------------------------------------- the open transaction

  /** Checks that `pid`/`epoch` own `txnId` now; NONE or the error Kafka answers. */
  private owner(txnId: string, pid: bigint, epoch: number): { m?: TxnMetadata; errorCode: number } {
    if (txnId === '') return { errorCode: ErrorCode.INVALID_REQUEST };
    const m = this.txns.get(txnId);
    if (!m || m.producerId !== pid) return { errorCode: ErrorCode.INVALID_PRODUCER_ID_MAPPING };
    if (m.producerEpoch !== epoch) return { errorCode: ErrorCode.PRODUCER_FENCED };
    if (this.isPreparing(m) && !this.complete(m)) return { errorCode: ErrorCode.CONCURRENT_TRANSACTIONS };
    return { m: this.txns.get(txnId)!, errorCode: ErrorCode.NONE };
  }

  /** The transaction in `m`, begun if it was not open yet. */
  private begin(m: TxnMetadata): TxnMetadata {
    const next = clone(m);
    if (next.state !== TxnState.Ongoing) {
      next.state = TxnState.Ongoing;
      next.startTimeMs = this.now();
      next.partitions.clear();
      next.groups.clear();
    }
    next.lastUpdateMs = this.now();
    return next;
  }

  addPartitions(txnId: string, pid: bigint, epoch: number, partitions: [string, number][]): number {
    const { m, errorCode } = this.owner(txnId, pid, epoch);
    if (!m) return errorCode;
    const keys = partitions.map(([t, p]) => partitionKey(t, p));
    if (m.state === TxnState.Ongoing && keys.every((k) => m.partitions.has(k))) return ErrorCode.NONE;
    const next = this.begin(m);
    for (const k of keys) next.partitions.add(k);
    if (next.partitions.size > TXN_LIMITS.maxPartitionsPerTxn) {
      this.log('warn', `transaction ${txnId} refused: over ${TXN_LIMITS.maxPartitionsPerTxn} partitions`);
      return ErrorCode.INVALID_REQUEST;
    }
    return this.store(next) ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE;
  }

  addOffsets(txnId: string, pid: bigint, epoch: number, groupId: string): number {
    const { m, errorCode } = this.owner(txnId, pid, epoch);
    if (!m) return errorCode;
    if (m.state === TxnState.Ongoing && m.groups.has(groupId)) return ErrorCode.NONE;
    const next = this.begin(m);
    if (!next.groups.has(groupId)) next.groups.set(groupId, new Map());
    if (next.groups.size > TXN_LIMITS.maxGroupsPerTxn) return ErrorCode.INVALID_REQUEST;
    return this.store(next) ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE;
  }

  /** TxnOffsetCommit: offsets that become the group's committed offsets when (and if) the transaction commits. */
  addPendingOffsets(txnId: string, pid: bigint, epoch: number, groupId: string, offsets: PendingOffset[]): number {
    const { m, errorCode } = this.owner(txnId, pid, epoch);
    if (!m) return errorCode;
    if (m.state !== TxnState.Ongoing || !m.groups.has(groupId)) return ErrorCode.INVALID_TXN_STATE;
    const next = clone(m);
    const pending = next.groups.get(groupId)!;
    for (const o of offsets) pending.set(partitionKey(o[0], o[1]), o);
    if (pendingOffsetCount(next) > TXN_LIMITS.maxPendingOffsetsPerTxn) return ErrorCode.INVALID_REQUEST;
    next.lastUpdateMs = this.now();
    return this.store(next) ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE;
  }

  /** Produce of a transactional batch: only to a partition its transaction added, at the current epoch. */
  verifyProduce(txnId: string, pid: bigint, epoch: number, topic: string, partition: number): ErrorCodeValue {
    const m = this.txns.get(txnId);
    if (!m || m.producerId !== pid) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (m.producerEpoch !== epoch) return ErrorCode.INVALID_PRODUCER_EPOCH;
    if (m.state !== TxnState.Ongoing || !m.partitions.has(partitionKey(topic, partition)))
      return ErrorCode.INVALID_TXN_STATE;
    return ErrorCode.NONE;
  }

  // ---------------------------------------------------------------- EndTxn, fencing, timeouts

  endTxn(txnId: string, pid: bigint, epoch: number, commit: boolean): number {
    if (txnId === '') return ErrorCode.INVALID_REQUEST;
    const m = this.txns.get(txnId);
    if (!m || m.producerId !== pid) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (m.producerEpoch !== epoch) return ErrorCode.PRODUCER_FENCED;
    const wanted = commit ? TxnState.CompleteCommit : TxnState.CompleteAbort;
    const preparing = commit ? TxnState.PrepareCommit : TxnState.PrepareAbort;
    switch (m.state) {
      case TxnState.Ongoing: {
        const next = clone(m);
        next.state = preparing;
        next.lastUpdateMs = this.now();
        if (!this.store(next)) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        // Decided and logged: a failed marker write is retried later, as in Kafka the client is not told.
        this.complete(next);
        return ErrorCode.NONE;
      }
      case wanted:
        return ErrorCode.NONE; // a retry of an EndTxn that already completed
      case preparing:
        return this.complete(m) ? ErrorCode.NONE : ErrorCode.CONCURRENT_TRANSACTIONS;
      default:
        return ErrorCode.INVALID_TXN_STATE;
    }
  }

  /** Bumps the epoch (fencing the current producer) and aborts the open transaction at it. */
  private fenceAndAbort(m: TxnMetadata): boolean {
    const next = clone(m);
    if (next.producerEpoch < 0x7fff) next.producerEpoch += 1;
    next.lastProducerEpoch = NO_EPOCH;
    next.state = TxnState.PrepareAbort;
    next.lastUpdateMs = this.now();
    return this.store(next) && this.complete(next);
  }

  /** Aborts transactions open longer than their timeout, retries unfinished completions, forgets idle ids. */
  abortTimedOut(): void {
    const now = this.now();
    for (const m of [...this.txns.values()]) {
      if (m.state === TxnState.Ongoing && m.startTimeMs >= 0 && now - m.startTimeMs > m.timeoutMs) {
        this.log('info', `aborting transaction ${m.transactionalId}: open longer than ${m.timeoutMs} ms`);
        this.fenceAndAbort(m);
      } else if (this.isPreparing(m)) {
        this.complete(m);
      } else if (m.state !== TxnState.Ongoing && now - m.lastUpdateMs > TXN_LIMITS.idExpirationMs) {
        this.drop(m.transactionalId);
      }
    }
  }

  private isPreparing(m: TxnMetadata): boolean {
    return m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort;
  }

  /**
   * Writes the markers of a prepared transaction and, for a commit, makes its offsets visible; then
   * records it complete. False (the transaction stays prepared) when a write failed.
   */
  private complete(m: TxnMetadata): boolean {
    const commit = m.state === TxnState.PrepareCommit;
    const marker: TxnMarker = {
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      commit,
      coordinatorEpoch: COORDINATOR_EPOCH,
    };
    try {
      for (const key of m.partitions) {
        const [topic, partition] = splitPartitionKey(key);
        this.opts.targets.writeMarker(topic, partition, marker);
      }
      if (commit) {
        for (const [groupId, offsets] of m.groups)
          if (offsets.size > 0) this.opts.targets.commitOffsets(groupId, [...offsets.values()]);
      }
    } catch (e) {
      this.log('warn', `completing transaction ${m.transactionalId} failed, retrying later: ${(e as Error).message}`);
      return false;
    }
    const next = clone(m);
    next.state = commit ? TxnState.CompleteCommit : TxnState.CompleteAbort;
    next.partitions.clear();
    next.groups.clear();
    next.lastUpdateMs = this.now();
    return this.store(next);
  }

  // ---------------------------------------------------------------- persistence

  /** Logs the new state, then makes it current; false when it could not be logged (nothing changed). */
  private store(next: TxnMetadata): boolean {
    try {
      this.txnLog.append({ op: 'txn', txn: toPersisted(next) });
    } catch (e) {
      this.log('warn', `transaction log write failed: ${(e as Error).message}`);
      return false;
    }
    this.txns.set(next.transactionalId, next);
    if (this.txnLog.needsCompaction()) this.compact();
    return true;
  }

  private drop(txnId: string): void {
    try {
      this.txnLog.append({ op: 'drop', id: txnId });
      this.txns.delete(txnId);
    } catch {
      /* kept; retried by the next check */
    }
  }

  private compact(): void {
    try {
      this.txnLog.compact([...this.txns.values()].map(toPersisted));
    } catch (e) {
      this.log('warn', `transaction snapshot failed: ${(e as Error).message}`);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.compact();
    this.txnLog.close();
  }
}
