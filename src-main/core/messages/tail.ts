/**
 * Live tail: long-polls each partition's leader from the current end (or given positions) and
 * keeps what arrives in the tail's window here in main. The window in the UI gets the state of it
 * at most every `UPDATE_MS` (counts, rate, the newest rows) and asks for other rows as it scrolls,
 * so what crosses to it is bounded by what it shows, not by the rate records are written at.
 */
import type { Cluster } from 'kafkajs';
import type { SubscriptionContext } from '../../contract/define.js';
import { MESSAGE_LIMITS, type Position, type TailUpdate } from '../../contract/messages.js';
import type { ValidSubscriptionParamsOf } from '../../contract/methods.js';
import { requireTopic } from '../topics/require-topic.js';
import { choosePartitions } from './browse.js';
import { OFFSET_OUT_OF_RANGE, TopicFetcher } from './fetcher.js';
import type { LiveTail } from './live-tails.js';
import { partitionBounds } from './offsets.js';
import type { ReadRecord } from './read-record.js';

/**
 * A poll returns once this much is there, or after `POLL_WAIT_MS`: in a burst each poll brings
 * a large response instead of a few records (thousands of polls a second otherwise), and a
 * single record is shown within the window's own redraw time.
 */
const POLL_MIN_BYTES = 512 * 1024;
const POLL_WAIT_MS = 100;
const PARTITION_MAX_BYTES = 1024 * 1024;
const RESPONSE_MAX_BYTES = 4 * 1024 * 1024;
/** The window hears of new records at most this often; in a burst (over `BURST_PER_SECOND`), every other time. */
const UPDATE_MS = 100;
const BURST_UPDATE_MS = 2 * UPDATE_MS;
const BURST_PER_SECOND = 10_000;

export async function tail(
  cluster: Cluster,
  params: ValidSubscriptionParamsOf<'messages.tail'>,
  ctx: SubscriptionContext<TailUpdate>,
  live: LiveTail,
): Promise<void> {
  const topic = await requireTopic(cluster, params.topic);
  const asked = params.partitions ?? (params.from ? params.from.map((p) => p.partition) : null);
  const partitions = choosePartitions(topic, asked);
  const bounds = await partitionBounds(cluster, topic, partitions);
  const given = new Map((params.from ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  const position = new Map(partitions.map((p) => [p, given.get(p) ?? bounds.get(p)!.end]));
  const fetcher = new TopicFetcher(cluster, topic);

  let last = '';
  let sentAt = 0;
  const update = () => {
    const perSecond = live.perSecond();
    const w = live.window;
    const state = `${w.received}/${w.count}/${perSecond}/${live.paused}`;
    // No one reads rows at thousands a second: a burst redraws the window less often, so the page
    // keeps time for the person's own scrolling and clicks.
    const every = perSecond > BURST_PER_SECOND ? BURST_UPDATE_MS : UPDATE_MS;
    if (state === last || Date.now() - sentAt < every - UPDATE_MS / 2) return; // half a tick: timers drift
    last = state;
    sentAt = Date.now();
    const next: Position[] = partitions.map((partition) => ({
      partition,
      offset: position.get(partition)!.toString(),
    }));
    const newest = live.newest(MESSAGE_LIMITS.tailNewestRows);
    ctx.emit({ received: w.received, count: w.count, perSecond, paused: live.paused, newest, next });
  };
  update();
  const timer = setInterval(update, UPDATE_MS);
  try {
    while (!ctx.signal.aborted) {
      await live.whileRunning(ctx.signal);
      if (ctx.signal.aborted) return;
      const got = await fetcher.fetch(
        partitions.map((partition) => ({ partition, offset: position.get(partition)!, maxBytes: PARTITION_MAX_BYTES })),
        { maxWaitMs: POLL_WAIT_MS, minBytes: POLL_MIN_BYTES, maxBytes: RESPONSE_MAX_BYTES, signal: ctx.signal },
      );
      // Paused while the poll was out: what it brought is read again on resume, not shown now.
      if (ctx.signal.aborted || live.paused) continue;
      const fresh: ReadRecord[] = [];
      const lost: number[] = [];
      for (const p of got.values()) {
        if (p.errorCode === OFFSET_OUT_OF_RANGE) lost.push(p.partition);
        for (const r of p.records) fresh.push(r);
        if (p.next > position.get(p.partition)!) position.set(p.partition, p.next);
      }
      if (lost.length > 0) {
        // Retention deleted what we were about to read, or the partition was truncated: go on from what exists now.
        const now = await partitionBounds(cluster, topic, lost);
        for (const p of lost) {
          const b = now.get(p)!;
          const at = position.get(p)!;
          position.set(p, at < b.low ? b.low : at > b.end ? b.end : at);
        }
      }
      if (fresh.length === 0) continue;
      // Across partitions, by time; within a partition, offset order is kept (a stable sort).
      fresh.sort((a, b) => a.timestamp - b.timestamp);
      live.add(fresh);
      await ctx.whenWritable();
    }
  } finally {
    clearInterval(timer);
  }
}
