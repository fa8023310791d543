import type { Admin } from 'kafkajs';
import type { MethodsImplementation, SubscriptionsImplementation } from '../../contract/define.js';
import { AppError } from '../../contract/errors.js';
import { formatBytes, utf8Length } from '../../contract/limits.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { produceMethods, produceSubscriptions, RecentSend } from '../../contract/produce.js';
import type { ClusterConnection } from '../connections/connection-pool.js';
import type { CoreContext } from '../core-context.js';
import { produceBatch, resend } from './batch.js';
import { bulkProduce, templateSummary } from './bulk.js';
import { registerCompressionCodecs } from './codecs.js';
import { maxMessageBytesOf, produceContext } from './context.js';
import { HISTORY_VALUE_CHARS, ProduceHistory } from './history.js';
import { CodecProducer } from './produce-codec.js';
import { produceOne, type Producers } from './send.js';

const codecProducers = new WeakMap<ClusterConnection, CodecProducer>();
const producersOf = (c: ClusterConnection): Producers => ({
  plain: () => c.producer(),
  idempotent: () => c.idempotentProducer(),
  async codec() {
    // One per connection: it only remembers where records without a key go next.
    const cluster = await c.cluster();
    let p = codecProducers.get(c);
    if (!p) codecProducers.set(c, (p = new CodecProducer(cluster)));
    return p;
  },
});

/** Record batch header (61 bytes) plus a record's own framing, roughly: enough to warn honestly. */
const BATCH_OVERHEAD = 80;

/**
 * With acks=0 the broker drops a record that is too large without answering, so the only honest
 * moment to say so is before sending (uncompressed size; compression may make it fit).
 */
async function checkFitsUnanswered(admin: () => Promise<Admin>, params: ValidParamsOf<'produce.send'>): Promise<void> {
  if (params.options?.compression !== 'none') return;
  const max = await maxMessageBytesOf(admin, params.topic).catch(() => null);
  if (max === null) return;
  let size = BATCH_OVERHEAD + utf8Length(params.key ?? '') + utf8Length(params.value ?? '');
  for (const h of params.headers) size += utf8Length(h.key) + utf8Length(h.value);
  if (size > max) {
    throw new AppError(
      'MESSAGE_TOO_LARGE',
      `The record is about ${formatBytes(size)}; topic "${params.topic}" accepts at most ${formatBytes(max)} (max.message.bytes). With acks=0 the broker would drop it without a word, so it was not sent.`,
    );
  }
}

export function produceApi(
  core: CoreContext,
): MethodsImplementation<typeof produceMethods> & SubscriptionsImplementation<typeof produceSubscriptions> {
  registerCompressionCodecs();
  const history = new ProduceHistory(core.deps.dataDir);
  const now = core.deps.now ?? Date.now;
  // A failure to remember a send never fails the send.
  const remember = (clusterId: string, topic: string, send: RecentSend) =>
    history
      .add(clusterId, topic, send)
      .catch((e: unknown) => core.logger.warn('Could not save the recent-sends list', { error: String(e) }));

  return {
    'produce.send': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.topic, partition: params.partition ?? undefined },
        async (c) => {
          if (params.options?.acks === '0') await checkFitsUnanswered(() => c.admin(), params);
          const r = await produceOne(await c.cluster(), producersOf(c), params, now);
          const value = params.value;
          await remember(params.clusterId, params.topic, {
            kind: 'single',
            at: now(),
            partition: r.partition,
            offset: r.offset,
            key: params.key,
            value: value === null ? null : value.slice(0, HISTORY_VALUE_CHARS),
            valueCut: value !== null && value.length > HISTORY_VALUE_CHARS,
            valueFormat: params.valueFormat,
            headers: params.headers,
          });
          return r;
        },
        signal,
      ),
    'produce.batch': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.topic },
        async (c) => {
          const r = await produceBatch(await c.cluster(), producersOf(c), params, now);
          if (params.source !== null) {
            await remember(params.clusterId, params.topic, {
              kind: 'import',
              at: now(),
              count: r.sent,
              detail: params.source,
            });
          }
          return r;
        },
        signal,
      ),
    'produce.resend': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.toTopic },
        async (c) => {
          const r = await resend(await c.cluster(), producersOf(c), params, now);
          await remember(params.clusterId, params.toTopic, {
            kind: 'resend',
            at: now(),
            count: r.sent,
            detail: `from ${params.fromTopic}`,
          });
          return r;
        },
        signal,
      ),
    'produce.context': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.topic },
        async (c) => produceContext(await c.cluster(), () => c.admin(), params.clusterId, params.topic),
        signal,
      ),
    'produce.history': async (params) => {
      await core.profiles.require(params.clusterId);
      return history.list(params.clusterId, params.topic);
    },
    'produce.bulk': (params, ctx) =>
      core.onStream(
        params.clusterId,
        { topic: params.topic },
        async (c) => {
          const r = await bulkProduce(await c.cluster(), producersOf(c), params, ctx, now);
          if (r.sent > 0) {
            await remember(params.clusterId, params.topic, {
              kind: 'bulk',
              at: now(),
              count: r.sent,
              detail: ctx.signal.aborted
                ? `cancelled after ${r.sent.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')}`
                : templateSummary(params.key, params.value),
            });
          }
        },
        ctx.signal,
      ),
  };
}
