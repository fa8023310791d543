/** Search: a filtered scan whose matches stream to the window, kept up to maxResults. */
import type { Cluster } from 'kafkajs';
import type { SubscriptionContext } from '../../contract/define.js';
import type { SearchItem } from '../../contract/messages.js';
import type { ValidSubscriptionParamsOf } from '../../contract/methods.js';
import { compileFilter } from './filter-eval.js';
import { requireTopic } from '../topics/require-topic.js';
import { TopicFetcher } from './fetcher.js';
import { toKafkaMessage } from './read-record.js';
import { resolveScan, runScan } from './scan.js';

const ITEM_MAX_RECORDS = 200;

export async function search(
  cluster: Cluster,
  params: ValidSubscriptionParamsOf<'messages.search'>,
  ctx: SubscriptionContext<SearchItem>,
): Promise<void> {
  compileFilter(params.filter); // a bad filter fails before anything is read
  const topic = await requireTopic(cluster, params.topic);
  const ranges = await resolveScan(cluster, topic, params);
  let kept = 0;
  const result = await runScan(new TopicFetcher(cluster, topic), {
    ranges,
    filter: params.filter,
    signal: ctx.signal,
    async onMatches(hits) {
      const take = hits.slice(0, params.maxResults - kept);
      kept += take.length;
      for (let i = 0; i < take.length; i += ITEM_MAX_RECORDS) {
        ctx.emit({ kind: 'matches', messages: take.slice(i, i + ITEM_MAX_RECORDS).map((r) => toKafkaMessage(r)) });
      }
      if (take.length > 0) await ctx.whenWritable();
      return take.length;
    },
    onProgress: (p) => ctx.emit({ kind: 'progress', ...p }),
  });
  if (ctx.signal.aborted) return;
  const { positions, completed, ...progress } = result;
  ctx.emit({
    kind: 'done',
    reason: completed ? 'completed' : 'limit',
    resume: completed ? null : positions,
    ...progress,
  });
}
