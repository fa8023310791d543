import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { TxnMarker } from '../log/txn-markers.js';
import { TransactionCoordinator, type TxnTargets } from './coordinator.js';
import { describeTransaction, hasPendingOffset, listTransactions } from './queries.js';
import { TXN_LIMITS, type PendingOffset } from './state.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

interface Harness {
  c: TransactionCoordinator;
  markers: Array<{ topic: string; partition: number; marker: TxnMarker }>;
  committed: Array<{ groupId: string; offsets: PendingOffset[] }>;
  clock: { now: number };
  failMarkers: { on: boolean };
  dir: string;
}

function harness(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-txn-'))): Harness {
  dirs.push(dir);
  let nextPid = 5000n;
  const markers: Harness['markers'] = [];
  const committed: Harness['committed'] = [];
  const clock = { now: 1_000_000 };
  const failMarkers = { on: false };
  const targets: TxnTargets = {
    writeMarker(topic, partition, marker) {
      if (failMarkers.on) throw new Error('disk full');
      markers.push({ topic, partition, marker });
      return true;
    },
    commitOffsets: (groupId, offsets) => void committed.push({ groupId, offsets }),
  };
  const c = new TransactionCoordinator({
    dataDir: dir,
    allocateProducerId: () => nextPid++,
    targets,
    now: () => clock.now,
    abortCheckIntervalMs: 0,
  });
  return { c, markers, committed, clock, failMarkers, dir };
}

describe('transaction coordinator', () => {
  it('maps a transactional id to a producer id and bumps its epoch on every InitProducerId', () => {
    const { c } = harness();
    const a = c.initProducerId('app', 60_000, null);
    expect(a).toEqual({ errorCode: ErrorCode.NONE, producerId: 5000n, producerEpoch: 0 });
    const b = c.initProducerId('app', 60_000, null);
    expect(b).toEqual({ errorCode: ErrorCode.NONE, producerId: 5000n, producerEpoch: 1 });
    expect(c.initProducerId('other', 60_000, null).producerId).toBe(5001n);
  });

  it('refuses timeouts outside (0, transaction.max.timeout.ms] and empty ids', () => {
    const { c } = harness();
    expect(c.initProducerId('app', 0, null).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    expect(c.initProducerId('app', TXN_LIMITS.maxTimeoutMs + 1, null).errorCode).toBe(
      ErrorCode.INVALID_TRANSACTION_TIMEOUT,
    );
    expect(c.initProducerId('', 1000, null).errorCode).toBe(ErrorCode.INVALID_REQUEST);
  });

  it('commits: markers to every partition, pending offsets made visible, state CompleteCommit', () => {
    const { c, markers, committed } = harness();
    const { producerId: pid, producerEpoch: epoch } = c.initProducerId('app', 60_000, null);
    expect(
      c.addPartitions('app', pid, epoch, [
        ['t', 0],
        ['t', 1],
      ]),
    ).toBe(ErrorCode.NONE);
    expect(c.addOffsets('app', pid, epoch, 'g')).toBe(ErrorCode.NONE);
    expect(c.addPendingOffsets('app', pid, epoch, 'g', [['t', 0, '42', -1, '']])).toBe(ErrorCode.NONE);
    expect(hasPendingOffset(c, 'g', 't', 0)).toBe(true);
    expect(c.verifyProduce('app', pid, epoch, 't', 1)).toBe(ErrorCode.NONE);
    expect(c.verifyProduce('app', pid, epoch, 't', 2)).toBe(ErrorCode.INVALID_TXN_STATE);
    expect(describeTransaction(c, 'app')).toMatchObject({
      transactionState: 'Ongoing',
      topics: [{ topic: 't', partitions: [0, 1] }],
    });

    expect(c.endTxn('app', pid, epoch, true)).toBe(ErrorCode.NONE);
    expect(markers.map((m) => [m.topic, m.partition, m.marker.commit, m.marker.producerEpoch])).toEqual([
      ['t', 0, true, epoch],
      ['t', 1, true, epoch],
    ]);
    expect(committed).toEqual([{ groupId: 'g', offsets: [['t', 0, '42', -1, '']] }]);
    expect(hasPendingOffset(c, 'g', 't', 0)).toBe(false);
    expect(describeTransaction(c, 'app').transactionState).toBe('CompleteCommit');
    // A retried EndTxn is answered again; the opposite outcome is not.
    expect(c.endTxn('app', pid, epoch, true)).toBe(ErrorCode.NONE);
    expect(c.endTxn('app', pid, epoch, false)).toBe(ErrorCode.INVALID_TXN_STATE);
    expect(c.verifyProduce('app', pid, epoch, 't', 0)).toBe(ErrorCode.INVALID_TXN_STATE);
  });

  it('aborts without committing offsets, and refuses EndTxn with nothing open', () => {
    const { c, markers, committed } = harness();
    const { producerId: pid, producerEpoch: epoch } = c.initProducerId('app', 60_000, null);
    expect(c.endTxn('app', pid, epoch, true)).toBe(ErrorCode.INVALID_TXN_STATE);
    c.addPartitions('app', pid, epoch, [['t', 0]]);
    c.addOffsets('app', pid, epoch, 'g');
    c.addPendingOffsets('app', pid, epoch, 'g', [['t', 0, '7', -1, '']]);
    expect(c.endTxn('app', pid, epoch, false)).toBe(ErrorCode.NONE);
    expect(markers.map((m) => m.marker.commit)).toEqual([false]);
    expect(committed).toEqual([]);
    expect(describeTransaction(c, 'app').transactionState).toBe('CompleteAbort');
  });

  it('fences the old producer: a new InitProducerId aborts its open transaction at a bumped epoch', () => {
    const { c, markers } = harness();
    const old = c.initProducerId('app', 60_000, null);
    c.addPartitions('app', old.producerId, old.producerEpoch, [['t', 0]]);
    const fresh = c.initProducerId('app', 60_000, null);
    expect(fresh.producerEpoch).toBe(old.producerEpoch + 2);
    expect(markers).toEqual([
      {
        topic: 't',
        partition: 0,
        marker: {
          producerId: old.producerId,
          producerEpoch: old.producerEpoch + 1,
          commit: false,
          coordinatorEpoch: 0,
        },
      },
    ]);
    expect(c.addPartitions('app', old.producerId, old.producerEpoch, [['t', 0]])).toBe(ErrorCode.PRODUCER_FENCED);
    expect(c.endTxn('app', old.producerId, old.producerEpoch, true)).toBe(ErrorCode.PRODUCER_FENCED);
    expect(c.verifyProduce('app', old.producerId, old.producerEpoch, 't', 0)).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect(c.addPartitions('app', 1n, fresh.producerEpoch, [['t', 0]])).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
  });

  it('honours KIP-360: the named epoch is bumped, a retry gets the same answer, a stale one is fenced', () => {
    const { c } = harness();
    const first = c.initProducerId('app', 60_000, null);
    const bumped = c.initProducerId('app', 60_000, first);
    expect(bumped.producerEpoch).toBe(first.producerEpoch + 1);
    expect(c.initProducerId('app', 60_000, first)).toEqual(bumped); // retry of the same bump
    expect(c.initProducerId('app', 60_000, { producerId: 999n, producerEpoch: 0 }).errorCode).toBe(
      ErrorCode.PRODUCER_FENCED,
    );
    // An id the coordinator does not know yet (its state expired): the named producer is not fenced.
    expect(c.initProducerId('fresh', 60_000, { producerId: 42n, producerEpoch: 7 })).toMatchObject({
      errorCode: ErrorCode.NONE,
      producerEpoch: 0,
    });
  });

  it('aborts a transaction open longer than its timeout and fences its producer', () => {
    const { c, markers, clock } = harness();
    const p = c.initProducerId('app', 5000, null);
    c.addPartitions('app', p.producerId, p.producerEpoch, [['t', 3]]);
    clock.now += 5000;
    c.abortTimedOut();
    expect(markers).toEqual([]);
    clock.now += 1;
    c.abortTimedOut();
    expect(markers.map((m) => [m.partition, m.marker.commit, m.marker.producerEpoch])).toEqual([
      [3, false, p.producerEpoch + 1],
    ]);
    expect(describeTransaction(c, 'app').transactionState).toBe('CompleteAbort');
    expect(c.endTxn('app', p.producerId, p.producerEpoch, true)).toBe(ErrorCode.PRODUCER_FENCED);
  });

  it('keeps a decided transaction prepared while markers fail, and completes it on retry', () => {
    const { c, markers, failMarkers } = harness();
    const p = c.initProducerId('app', 60_000, null);
    c.addPartitions('app', p.producerId, p.producerEpoch, [['t', 0]]);
    failMarkers.on = true;
    expect(c.endTxn('app', p.producerId, p.producerEpoch, true)).toBe(ErrorCode.NONE);
    expect(describeTransaction(c, 'app').transactionState).toBe('PrepareCommit');
    expect(c.addPartitions('app', p.producerId, p.producerEpoch, [['t', 0]])).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
    failMarkers.on = false;
    c.abortTimedOut();
    expect(markers.length).toBe(1);
    expect(describeTransaction(c, 'app').transactionState).toBe('CompleteCommit');
  });

  it('survives a restart: ids, epochs and open transactions come back; a prepared one is completed', () => {
    const h = harness();
    const p = h.c.initProducerId('app', 60_000, null);
    h.c.addPartitions('app', p.producerId, p.producerEpoch, [['t', 0]]);
    const q = h.c.initProducerId('other', 60_000, null);
    h.c.addPartitions('other', q.producerId, q.producerEpoch, [['t', 1]]);
    h.failMarkers.on = true;
    h.c.endTxn('other', q.producerId, q.producerEpoch, false);
    // No close(): as after kill -9, only the log is left.
    const again = harness(h.dir);
    expect(describeTransaction(again.c, 'app')).toMatchObject({
      transactionState: 'Ongoing',
      producerId: p.producerId,
      producerEpoch: p.producerEpoch,
    });
    expect(again.markers.map((m) => [m.partition, m.marker.commit])).toEqual([[1, false]]);
    expect(describeTransaction(again.c, 'other').transactionState).toBe('CompleteAbort');
    expect(again.c.endTxn('app', p.producerId, p.producerEpoch, true)).toBe(ErrorCode.NONE);
  });

  it('lists and describes like Kafka: state filters, unknown filters, unknown ids', () => {
    const { c } = harness();
    const p = c.initProducerId('a', 60_000, null);
    c.initProducerId('b', 60_000, null);
    c.addPartitions('a', p.producerId, p.producerEpoch, [['t', 0]]);
    expect(listTransactions(c, { states: [], producerIds: [], durationMs: -1n }).transactionStates).toEqual([
      { transactionalId: 'a', producerId: p.producerId, transactionState: 'Ongoing' },
      { transactionalId: 'b', producerId: p.producerId + 1n, transactionState: 'Empty' },
    ]);
    const filtered = listTransactions(c, { states: ['Ongoing', 'Bogus'], producerIds: [], durationMs: -1n });
    expect(filtered.transactionStates.map((t) => t.transactionalId)).toEqual(['a']);
    expect(filtered.unknownStateFilters).toEqual(['Bogus']);
    expect(describeTransaction(c, 'nope').errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND);
  });

  it('enforces the per-transaction partition limit', () => {
    const { c } = harness();
    const p = c.initProducerId('app', 60_000, null);
    const many = Array.from({ length: TXN_LIMITS.maxPartitionsPerTxn + 1 }, (_, i): [string, number] => ['t', i]);
    expect(c.addPartitions('app', p.producerId, p.producerEpoch, many)).toBe(ErrorCode.INVALID_REQUEST);
    expect(describeTransaction(c, 'app').transactionState).toBe('Empty');
  });
});
