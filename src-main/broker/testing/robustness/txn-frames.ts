/**
 * Transaction traffic for the broker fuzz test: well-formed transaction requests whose ids collide on
 * purpose. Producer ids are handed out in order from 1000, so guessing in a small range hits real
 * producers: the requests race, fence and end each other's transactions, write markers into the
 * real topics and read them back read_committed. The broker must answer all of it and stay consistent.
 */
import { ApiKey, buildBatch, encodeRequest } from '../../../kafka-protocol/index.js';
import type { FuzzFrame, FuzzTopics } from './frames.js';
import type { Rng } from './prng.js';

const TXN_IDS = ['fuzz-txn-0', 'fuzz-txn-1', 'fuzz-txn-2', ''];
let correlation = 0x40000000;

function frame(kind: string, apiKey: number, version: number, body: Record<string, unknown>, parkMs = 0): FuzzFrame {
  const bytes = encodeRequest(
    { apiKey, apiVersion: version, correlationId: correlation++ & 0x7fffffff, clientId: 'fuzz-txn' },
    body,
  );
  return { kind, bytes, expect: 'answer-or-close', parkMs };
}

export function transactionalFrame(rng: Rng, topics: FuzzTopics): FuzzFrame {
  const transactionalId = rng.pick(TXN_IDS);
  const producerId = BigInt(rng.int(999, 1012));
  const producerEpoch = rng.int(-1, 3);
  const topic = rng.pick([topics.main, topics.compact, 'fuzz-missing']);
  const partition = rng.int(0, 3);
  switch (rng.int(0, 7)) {
    case 0:
      return frame('txn-init', ApiKey.InitProducerId, rng.int(0, 4), {
        transactionalId: rng.chance(0.1) ? null : transactionalId,
        transactionTimeoutMs: rng.pick([rng.int(1, 2000), 60_000, 0, -5, 900_001]),
        producerId: rng.chance(0.5) ? -1n : producerId,
        producerEpoch,
      });
    case 1:
      return frame('txn-add-partitions', ApiKey.AddPartitionsToTxn, rng.int(0, 3), {
        transactionalId,
        producerId,
        producerEpoch,
        topics: [{ name: topic, partitions: [partition, rng.int(0, 3)] }],
      });
    case 2: {
      const records = buildBatch({
        records: [{ key: `k${rng.int(0, 9)}`, value: 'txn' }],
        producerId,
        producerEpoch,
        baseSequence: rng.int(0, 3),
        isTransactional: rng.chance(0.9),
      });
      return frame('txn-produce', ApiKey.Produce, rng.int(3, 9), {
        transactionalId: rng.chance(0.9) ? transactionalId : null,
        acks: -1,
        timeoutMs: 1000,
        topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
      });
    }
    case 3:
      return frame('txn-end', ApiKey.EndTxn, rng.int(0, 3), {
        transactionalId,
        producerId,
        producerEpoch,
        committed: rng.chance(0.5),
      });
    case 4:
      return frame('txn-markers', ApiKey.WriteTxnMarkers, rng.int(0, 1), {
        markers: [
          {
            producerId,
            producerEpoch,
            transactionResult: rng.chance(0.5),
            topics: [{ name: topic, partitionIndexes: [partition] }],
            coordinatorEpoch: rng.int(-1, 2),
          },
        ],
      });
    case 5: {
      const groupId = rng.pick(['fuzz-txn-group', '']);
      if (rng.chance(0.5))
        return frame('txn-add-offsets', ApiKey.AddOffsetsToTxn, rng.int(0, 3), {
          transactionalId,
          producerId,
          producerEpoch,
          groupId,
        });
      return frame('txn-offset-commit', ApiKey.TxnOffsetCommit, rng.int(0, 3), {
        transactionalId,
        groupId,
        producerId,
        producerEpoch,
        generationId: rng.pick([-1, 0, 5]),
        memberId: '',
        groupInstanceId: null,
        topics: [
          {
            name: topic,
            partitions: [
              {
                partitionIndex: partition,
                committedOffset: BigInt(rng.int(0, 50)),
                committedLeaderEpoch: -1,
                committedMetadata: null,
              },
            ],
          },
        ],
      });
    }
    case 6:
      return frame('txn-describe', rng.pick([ApiKey.DescribeTransactions, ApiKey.ListTransactions]), 0, {
        transactionalIds: [transactionalId, 'nope'],
        stateFilters: rng.chance(0.5) ? [] : ['Ongoing', 'Bogus'],
        producerIdFilters: [],
      });
    default: {
      const maxWaitMs = rng.int(0, 300);
      return frame(
        'txn-fetch-committed',
        ApiKey.Fetch,
        rng.int(4, 12),
        {
          replicaId: -1,
          maxWaitMs,
          minBytes: 1,
          maxBytes: 1 << 20,
          isolationLevel: 1,
          sessionId: 0,
          sessionEpoch: -1,
          topics: [
            {
              topic,
              partitions: [
                {
                  partition,
                  currentLeaderEpoch: -1,
                  fetchOffset: BigInt(rng.int(0, 40)),
                  logStartOffset: -1n,
                  partitionMaxBytes: 1 << 20,
                },
              ],
            },
          ],
          forgottenTopicsData: [],
          rackId: '',
        },
        maxWaitMs,
      );
    }
  }
}
