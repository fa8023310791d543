/**
 * Fetch (1), versions 4-12: reads with a long poll. When fewer than minBytes are available the
 * request waits (up to maxWaitMs) for an append to any requested partition, then reads again.
 * Unlike Kafka: no fetch sessions (KIP-227 makes them optional), so every fetch is a full one; no
 * topic ids (v13+); the isolation level changes nothing (no transactions, so the last stable offset
 * is the high watermark); no preferred read replica.
 */
import { ErrorCode, type DecodedRequest, type EncodableResponse } from '../../kafka-protocol/index.js';
import { Fetch } from '../../kafka-protocol/messages/01-fetch.js';
import { waitForAppend, type AppendSignal } from '../server/long-poll.js';
import { brokerApi, type BrokerContext } from './context.js';
import { errorOf } from './helpers.js';

type FetchRequestBody = DecodedRequest<typeof Fetch>;
type FetchResponseBody = EncodableResponse<typeof Fetch>;
type PartitionData = FetchResponseBody['responses'][number]['partitions'][number];

const EMPTY: Buffer = Buffer.alloc(0);
const NO_SESSION = 0;
const FINAL_EPOCH = -1;
const INITIAL_EPOCH = 0;

/**
 * We keep no fetch sessions. A full-fetch request that offers to open one (id 0, epoch 0) gets
 * session id 0 back, which tells the client to stay sessionless. A request for an incremental fetch
 * on a session we never created gets Kafka's own answers.
 */
export function sessionError(sessionId: number, sessionEpoch: number): number {
  if (sessionId === NO_SESSION) {
    return sessionEpoch === INITIAL_EPOCH || sessionEpoch === FINAL_EPOCH
      ? ErrorCode.NONE
      : ErrorCode.INVALID_FETCH_SESSION_EPOCH;
  }
  // Closing a session (epoch -1) is always fine and continues sessionless.
  return sessionEpoch === FINAL_EPOCH ? ErrorCode.NONE : ErrorCode.FETCH_SESSION_ID_NOT_FOUND;
}

function partitionError(index: number, errorCode: number): PartitionData {
  return {
    partitionIndex: index,
    errorCode,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    abortedTransactions: null,
    preferredReadReplica: -1,
    records: EMPTY,
  };
}

interface ReadOutcome {
  responses: FetchResponseBody['responses'];
  bytes: number;
  errors: boolean;
  signals: AppendSignal[];
}

function readAll(ctx: BrokerContext, body: FetchRequestBody): ReadOutcome {
  let budget = body.maxBytes;
  let bytes = 0;
  let errors = false;
  const signals: AppendSignal[] = [];
  const responses = body.topics.map((t) => {
    const topic = ctx.topics.get(t.topic);
    // Before topic ids (v13), an empty name is the only way to name no topic: answered as Kafka's
    // UNKNOWN_TOPIC_ID, as the broker always has.
    const unknown = t.topic ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID;
    const partitions = t.partitions.map((req): PartitionData => {
      const p = topic?.partitions[req.partition];
      if (!p) {
        errors = true;
        return partitionError(req.partition, unknown);
      }
      signals.push(p.signal);
      const log = p.log;
      const hw = log.highWatermark;
      const start = log.logStartOffset;
      const out = {
        partitionIndex: req.partition,
        errorCode: ErrorCode.NONE as number,
        highWatermark: hw,
        lastStableOffset: hw,
        logStartOffset: start,
        abortedTransactions: null,
        preferredReadReplica: -1,
        records: EMPTY,
      };
      if (req.fetchOffset === hw) return out;
      if (req.fetchOffset > hw || req.fetchOffset < start) {
        errors = true;
        out.errorCode = ErrorCode.OFFSET_OUT_OF_RANGE;
        return out;
      }
      const limit = Math.min(req.partitionMaxBytes, budget);
      // Once the response holds data, a spent budget leaves the rest empty; the first batch always goes (KIP-74).
      if (limit <= 0 && bytes > 0) return out;
      try {
        out.records = log.read(req.fetchOffset, Math.max(limit, 1));
      } catch (e) {
        errors = true;
        out.errorCode = errorOf(ctx, e, `fetch from ${topic!.name}-${req.partition}`).code;
        return out;
      }
      bytes += out.records.length;
      budget -= out.records.length;
      return out;
    });
    return { topic: t.topic, partitions };
  });
  return { responses, bytes, errors, signals };
}

export const fetchApi = brokerApi(Fetch, {
  versions: '4-12',
  async handle(ctx, body) {
    const code = sessionError(body.sessionId, body.sessionEpoch);
    if (code !== ErrorCode.NONE) return { throttleTimeMs: 0, errorCode: code, sessionId: NO_SESSION, responses: [] };
    const deadline = Date.now() + Math.max(0, body.maxWaitMs);
    let outcome = readAll(ctx, body);
    // A request with no partitions still waits out maxWaitMs, so an idle client does not spin.
    while (outcome.bytes < body.minBytes && !outcome.errors) {
      const reason = await waitForAppend(outcome.signals, deadline - Date.now(), ctx.shutdown);
      outcome = readAll(ctx, body);
      if (reason !== 'append') break;
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: NO_SESSION, responses: outcome.responses };
  },
});
