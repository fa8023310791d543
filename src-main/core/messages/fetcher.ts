/**
 * Reads partitions straight from their leaders with Fetch, as a consumer would but without a group:
 * no JoinGroup, no commits, nothing left behind on the cluster. Everything that reads records
 * (pages, the detail pane, live tail, search, export) goes through this.
 */
import type { Broker, Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { fetchMetadata, type TopicMetadata } from '../cluster/metadata.js';
import { leaderBroker, partitionsByLeader } from '../cluster/leaders.js';
import { cancelled } from '../util/deadline.js';
import { codecLeaderFetch } from './fetch-codec.js';
import type { ReadRecord } from './read-record.js';
import type { Spare } from './spare.js';

export interface FetchPartitionRequest {
  partition: number;
  offset: bigint;
  maxBytes: number;
  /** Offer the records of the first batch that lie before `offset` (see Spare). */
  keepEarlier?: boolean;
  /** Decode only records below this offset (the end of what is being read). */
  until?: bigint;
  /** With `until`: offer the records from `until` on that the response brought anyway (see Spare). */
  keepLater?: boolean;
}

export interface FetchedPartition {
  partition: number;
  /** Kafka error code; 0 when fine. */
  errorCode: number;
  highWatermark: bigint;
  /** -1 when the broker did not say (then the high watermark is the readable end). */
  lastStableOffset: bigint;
  logStartOffset: bigint;
  /** Readable records at or after the requested offset, in offset order. */
  records: ReadRecord[];
  /** With keepEarlier: the first batch's records before the asked offset, on demand. */
  spare?: Spare;
  /** With keepLater: the records from `until` to `next`, on demand. */
  later?: Spare;
  /** Where to continue: past everything the broker returned, readable or not; the request's offset when nothing came. */
  next: bigint;
  /** Key and value bytes of every readable record returned (kept or not). */
  bytes: number;
  /** Readable records returned, including those `keep` turned down. */
  seen: number;
}

export interface FetchOptions {
  /** How long the broker may wait for `minBytes`: short for reads of data that exists, long for a live tail. */
  maxWaitMs: number;
  minBytes?: number;
  /** Whole-response limit. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Keep only records this accepts (a scan's filter): the rest are never collected. */
  keep?: (r: ReadRecord) => boolean;
}

export type LeaderFetch = (
  broker: Broker,
  topic: string,
  parts: FetchPartitionRequest[],
  opts: { maxWaitMs: number; minBytes: number; maxBytes: number; keep?: (r: ReadRecord) => boolean },
) => Promise<FetchedPartition[]>;

export const OFFSET_OUT_OF_RANGE = 1;
const RESPONSE_MAX_BYTES = 32 * 1024 * 1024;
const PARTITION_MAX_BYTES = 4 * 1024 * 1024;
const MAX_LEADER_REFRESHES = 3;
/** Errors after which fresh metadata (a new leader) usually fixes the read. */
const STALE_LEADER = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'REPLICA_NOT_AVAILABLE',
]);

export function readableEnd(p: FetchedPartition): bigint {
  return p.lastStableOffset >= 0n ? p.lastStableOffset : p.highWatermark;
}

export class TopicFetcher {
  private meta: TopicMetadata;

  constructor(
    private readonly cluster: Cluster,
    meta: TopicMetadata,
    private readonly leaderFetch: LeaderFetch = codecLeaderFetch,
  ) {
    this.meta = meta;
  }

  get topic(): string {
    return this.meta.topic;
  }

  /** One Fetch per leader, in parallel; a moved leader is looked up again and asked again. */
  async fetch(parts: FetchPartitionRequest[], opts: FetchOptions): Promise<Map<number, FetchedPartition>> {
    const out = new Map<number, FetchedPartition>();
    let todo = parts;
    for (let refresh = 0; todo.length > 0; refresh++) {
      if (opts.signal?.aborted) throw cancelled();
      const stale: FetchPartitionRequest[] = [];
      const groups = [
        ...partitionsByLeader(
          this.meta,
          todo.map((p) => p.partition),
        ),
      ];
      await Promise.all(
        groups.map(async ([leader, partitions]) => {
          const mine = todo.filter((p) => partitions.includes(p.partition));
          try {
            const broker = await leaderBroker(this.cluster, leader);
            const got = await this.leaderFetch(broker, this.meta.topic, mine, {
              maxWaitMs: opts.maxWaitMs,
              minBytes: opts.minBytes ?? 1,
              maxBytes: opts.maxBytes ?? RESPONSE_MAX_BYTES,
              keep: opts.keep,
            });
            for (const p of got) out.set(p.partition, p);
          } catch (e) {
            const err = e as { name?: string; type?: string };
            if ((err.type && STALE_LEADER.has(err.type)) || err.name === 'KafkaJSConnectionError') stale.push(...mine);
            else throw e;
          }
        }),
      );
      if (stale.length === 0) break;
      if (refresh >= MAX_LEADER_REFRESHES) {
        throw new AppError(
          'KAFKA_ERROR',
          `The leaders of topic "${this.meta.topic}" kept moving while reading. Try again in a moment.`,
        );
      }
      await this.refreshLeaders();
      todo = stale;
    }
    return out;
  }

  private async refreshLeaders(): Promise<void> {
    await this.cluster.refreshMetadata().catch(() => undefined);
    const fresh = (await fetchMetadata(this.cluster, [this.meta.topic])).topicMetadata.find(
      (t) => t.topic === this.meta.topic,
    );
    if (fresh) this.meta = fresh;
  }

  /**
   * Every readable record of [start, end) per partition. Stops early at the deadline (what was read
   * so far is returned; `span` tells what each partition's records cover).
   */
  async readRanges(
    ranges: Range[],
    opts: ReadOptions & { deadlineAt: number },
  ): Promise<{ records: Map<number, ReadRecord[]>; span: Map<number, Span> }> {
    const records = new Map<number, ReadRecord[]>(ranges.map((r) => [r.partition, []]));
    const span = await this.stream(ranges, opts, (partition, got) => {
      const list = records.get(partition)!;
      // Earlier records of a first batch come before everything else read for that partition.
      if (list.length > 0 && got.length > 0 && got[0]!.offset < list[0]!.offset) list.unshift(...got);
      else list.push(...got);
    });
    return { records, span };
  }

  /**
   * Reads [start, end) of each partition forward, handing over each partition's records as they
   * come (a scan keeps none of them). Returns, per partition, the offsets the records handed over
   * cover: [start, end) when complete; less when the readable end, the deadline or `until` came
   * first.
   */
  async stream(
    ranges: Range[],
    opts: ReadOptions,
    onRecords: (
      partition: number,
      records: ReadRecord[],
      next: bigint,
      got: { bytes: number; seen: number },
    ) => void | Promise<void>,
  ): Promise<Map<number, Span>> {
    const span = new Map<number, Span>();
    const cursors = new Map<number, { next: bigint; end: bigint; alone: boolean; first: boolean }>();
    for (const r of ranges) {
      span.set(r.partition, { from: r.start, to: r.start });
      if (r.start < r.end) cursors.set(r.partition, { next: r.start, end: r.end, alone: false, first: true });
    }
    const perRecord = opts.bytesPerRecord ?? 512;
    const deadlineAt = opts.deadlineAt ?? Number.POSITIVE_INFINITY;
    while (cursors.size > 0 && Date.now() < deadlineAt && !opts.until?.()) {
      if (opts.signal?.aborted) throw cancelled();
      // A partition whose next batch did not fit in a shared response is asked alone (KIP-74
      // returns the first batch whole, however large).
      const shared: FetchPartitionRequest[] = [];
      const alone: FetchPartitionRequest[] = [];
      for (const [partition, c] of cursors) {
        const want = Number(c.end - c.next);
        // At least 1 MiB: batches are usually that size at most, and a partition whose batch does
        // not fit comes back empty (then it is asked alone, one more round trip).
        const maxBytes = opts.partitionBytes ?? clamp(want * perRecord, 1024 * 1024, PARTITION_MAX_BYTES);
        const req = {
          partition,
          offset: c.next,
          maxBytes,
          keepEarlier: c.first && opts.keepEarlier === true,
          until: c.end,
          keepLater: opts.keepLater === true,
        };
        (c.alone ? alone : shared).push(req);
      }
      const rounds = [shared, ...alone.map((a) => [a])].filter((g) => g.length > 0);
      const results = await Promise.all(
        rounds.map((g) =>
          this.fetch(g, { maxWaitMs: 0, signal: opts.signal, keep: opts.keep, maxBytes: opts.responseBytes }),
        ),
      );
      for (const got of results) {
        for (const p of got.values()) {
          const c = cursors.get(p.partition);
          if (!c) continue;
          if (p.errorCode === OFFSET_OUT_OF_RANGE) {
            // Retention removed the range while we read: nothing more to give.
            cursors.delete(p.partition);
            continue;
          }
          const sp = span.get(p.partition)!;
          const mine = p.records; // below `until` = c.end already
          if (c.first && p.spare) sp.spare = p.spare;
          if (p.next > c.next) {
            c.first = false;
            c.next = p.next;
            c.alone = false;
            sp.to = p.next < c.end ? p.next : c.end;
            if (c.next >= c.end) {
              if (p.later) sp.later = p.later;
              cursors.delete(p.partition);
            }
          } else if (c.next >= readableEnd(p) || c.alone) {
            // The readable end (an open transaction, or the log's end) is reached.
            cursors.delete(p.partition);
          } else c.alone = true;
          if (mine.length > 0 || p.seen > 0)
            await onRecords(p.partition, mine, sp.to, { bytes: p.bytes, seen: p.seen });
        }
      }
    }
    return span;
  }
}

export interface ReadOptions {
  deadlineAt?: number;
  signal?: AbortSignal;
  bytesPerRecord?: number;
  /** Checked between rounds: true stops reading. */
  until?: () => boolean;
  /**
   * Offer (as Span.spare, decoded on demand) the records before `start` that the first batch
   * brings anyway (whole batches come back): free records for a reader going backwards.
   */
  keepEarlier?: boolean;
  /** Offer (as Span.later, decoded on demand) the records past `end` that the last response brought. */
  keepLater?: boolean;
  /** Hand over only the records this accepts (the others are counted in `seen`). */
  keep?: (r: ReadRecord) => boolean;
  /** Per partition and per response; smaller means less memory held at once, more round trips. */
  partitionBytes?: number;
  responseBytes?: number;
}

/** The offsets a read covers: every readable record in [from, to) was handed over. */
export interface Span {
  from: bigint;
  to: bigint;
  /** With keepEarlier: what lies just below `from`, already fetched. */
  spare?: Spare;
  /** With keepLater: what lies just after `to`, already fetched. */
  later?: Spare;
}

export interface Range {
  partition: number;
  start: bigint;
  end: bigint;
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.ceil(n)));
}
