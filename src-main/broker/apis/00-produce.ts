/**
 * Produce (0), versions 0-9. Appends are synchronous and there is one replica, so acks 0, 1 and -1
 * are all answered right after the append. Unlike Kafka: a transactional produce is refused
 * (TRANSACTIONAL_ID_AUTHORIZATION_FAILED: no transaction coordinator), topics are auto-created by
 * Produce too (Kafka only does it on Metadata), RecordErrors stay empty and nothing is throttled.
 * Kept lean: this is the hot path.
 */
import {
  ErrorCode,
  type DecodedRequest,
  type EncodableResponse,
  type KafkaProtocolError,
} from '../../kafka-protocol/index.js';
import { Produce } from '../../kafka-protocol/messages/00-produce.js';
import type { Topic } from '../topics/topic-manager.js';
import { brokerApi, type BrokerContext } from './context.js';
import { errorOf, TXN_UNSUPPORTED } from './helpers.js';

type ProduceRequestBody = DecodedRequest<typeof Produce>;
type PartitionResponse = EncodableResponse<typeof Produce>['responses'][number]['partitionResponses'][number];

function failed(index: number, errorCode: number, errorMessage: string | null): PartitionResponse {
  return {
    index,
    errorCode,
    baseOffset: -1n,
    logAppendTimeMs: -1n,
    logStartOffset: -1n,
    recordErrors: [],
    errorMessage,
  };
}

function appendTo(
  ctx: BrokerContext,
  topic: Topic | undefined,
  index: number,
  records: Buffer | null,
): PartitionResponse {
  const p = topic?.partitions[index];
  if (!p) return failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
  if (!records || records.length === 0) return failed(index, ErrorCode.CORRUPT_MESSAGE, 'Empty record set');
  try {
    const r = p.log.append(records);
    // The one place appends wake long-polling fetches (a retried batch appends nothing).
    if (!r.duplicate) p.signal.notify();
    return {
      index,
      errorCode: ErrorCode.NONE,
      baseOffset: r.baseOffset,
      logAppendTimeMs: r.logAppendTime,
      logStartOffset: r.logStartOffset,
      recordErrors: [],
      errorMessage: null,
    };
  } catch (e) {
    const { code, message } = errorOf(ctx, e, `produce to ${topic!.name}-${index}`);
    return failed(index, code, message);
  }
}

/** Topics the request names that do not exist yet and may be auto-created. */
function missingTopics(ctx: BrokerContext, body: ProduceRequestBody): string[] {
  let out: string[] | undefined;
  for (const t of body.topicData) if (!ctx.topics.get(t.name)) (out ??= []).push(t.name);
  return out ?? [];
}

function respond(ctx: BrokerContext, body: ProduceRequestBody): EncodableResponse<typeof Produce> | null {
  let rejectCode: number = ErrorCode.NONE;
  let rejectMessage: string | null = null;
  if (body.transactionalId !== null) {
    rejectCode = ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
    rejectMessage = TXN_UNSUPPORTED;
  } else if (body.acks !== 0 && body.acks !== 1 && body.acks !== -1) {
    rejectCode = ErrorCode.INVALID_REQUIRED_ACKS;
    rejectMessage = `Invalid required acks ${body.acks}`;
  }
  const responses = body.topicData.map((t) => {
    const topic = ctx.topics.get(t.name);
    return {
      name: t.name,
      partitionResponses: t.partitionData.map((p) =>
        rejectCode !== ErrorCode.NONE
          ? failed(p.index, rejectCode, rejectMessage)
          : appendTo(ctx, topic, p.index, p.records),
      ),
    };
  });
  return body.acks === 0 ? null : { responses, throttleTimeMs: 0 };
}

export const produceApi = brokerApi(Produce, {
  versions: '0-9',
  handle(ctx, body) {
    if (ctx.autoCreateTopics) {
      const missing = missingTopics(ctx, body);
      if (missing.length > 0) {
        // Kafka only auto-creates from Metadata; clients that skip it still get the topic in the sandbox.
        return Promise.all(
          missing.map((name) => ctx.topics.getOrCreate(name).catch((e: unknown) => e as KafkaProtocolError)),
        ).then(() => respond(ctx, body));
      }
    }
    return respond(ctx, body);
  },
});
