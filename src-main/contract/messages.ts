import { z } from 'zod';
import { method, subscription } from './define.js';
import { describeFilterError, parseFilter } from './message-filter.js';
import { TopicRefSchema } from './refs.js';
import type { OffsetString } from './topics.js';

/** Raw bytes as base64, so any value (text, JSON, binary) crosses the boundary losslessly. */
export interface Bytes {
  base64: string;
  /** Size of the original bytes. */
  size: number;
  /** True when `base64` holds only the first bytes of a larger value. */
  truncated: boolean;
}

export interface MessageHeader {
  key: string;
  value: Bytes | null;
}

export interface KafkaMessage {
  partition: number;
  offset: OffsetString;
  /** Milliseconds since epoch. */
  timestamp: number;
  key: Bytes | null;
  value: Bytes | null;
  headers: MessageHeader[];
}

/**
 * What a list row carries: previews, never whole big values (a page of 1,000 records of 600 KB would
 * not fit in a string). The detail pane asks for the whole record with `messages.get`.
 */
export const MESSAGE_LIMITS = {
  pageRecords: 1000,
  previewKeyBytes: 1024,
  previewValueBytes: 4096,
  previewHeaderBytes: 256,
  previewHeaders: 64,
  /** `messages.get` sends a value whole up to this size, and its first bytes beyond. */
  fullValueBytes: 24 * 1024 * 1024,
  searchResults: 10_000,
  exportRecords: 10_000,
  partitionsPerCall: 10_000,
  /** The most a live tail keeps (newest first), in main; the window asks for the rows it shows. */
  tailWindow: 50_000,
  /** Rows `messages.tailRows` returns at most per call. */
  tailRowsPerCall: 500,
  /** Newest rows every live update carries, so a window at the top never has to ask. */
  tailNewestRows: 100,
} as const;

const MAX_INT64 = 2n ** 63n - 1n;

export const OffsetSchema = z
  .string()
  .regex(/^\d{1,19}$/, 'An offset is a whole number, 0 or more')
  .refine((s) => BigInt(s) <= MAX_INT64, 'That offset is beyond what Kafka can store');

export const PartitionNumberSchema = z.number().int().min(0, 'Partitions are numbered from 0').max(1_000_000);

/** A place in one partition: the offset of the next record to read in the chosen direction. */
export const PositionSchema = z.object({ partition: PartitionNumberSchema, offset: OffsetSchema });
export type Position = z.infer<typeof PositionSchema>;

const PositionsSchema = z
  .array(PositionSchema)
  .min(1, 'At least one partition position is needed')
  .max(MESSAGE_LIMITS.partitionsPerCall)
  .refine((ps) => new Set(ps.map((p) => p.partition)).size === ps.length, 'Each partition may appear once');

export const DirectionSchema = z.enum(['older', 'newer']);
export type Direction = z.infer<typeof DirectionSchema>;

/**
 * Where reading starts. `newest` reads older records from the end; the others read forward.
 * `positions` is a page cursor: for `older`, each offset is the first one NOT to show (a page's
 * start); for `newer`, the first one to show (a page's end). Copy it to reopen exactly that page.
 */
export const StartSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('newest') }),
  z.object({ kind: z.literal('oldest') }),
  z.object({ kind: z.literal('offset'), offset: OffsetSchema }),
  z.object({ kind: z.literal('timestamp'), timestamp: z.number().int().min(0).max(8.64e15) }),
  z.object({ kind: z.literal('positions'), direction: DirectionSchema, positions: PositionsSchema }),
]);
export type Start = z.infer<typeof StartSchema>;

export const PartitionsFilterSchema = z
  .array(PartitionNumberSchema)
  .min(1, 'Choose at least one partition, or all')
  .max(MESSAGE_LIMITS.partitionsPerCall)
  .nullable()
  .default(null);

export const NewestMessagesParamsSchema = TopicRefSchema.extend({
  limit: z.number().int().min(1).max(MESSAGE_LIMITS.pageRecords).default(50),
  /** Restrict to one partition; null reads all partitions. */
  partition: PartitionNumberSchema.nullable().default(null),
});
export type NewestMessagesParams = z.input<typeof NewestMessagesParamsSchema>;

export interface NewestMessagesResult {
  /** Newest first. */
  messages: KafkaMessage[];
  /** Per partition, where the read started and ended (for "load older"). */
  partitions: { partition: number; lowWatermark: OffsetString; highWatermark: OffsetString }[];
}

export const PageParamsSchema = TopicRefSchema.extend({
  /** null: every partition of the topic. */
  partitions: PartitionsFilterSchema,
  from: StartSchema.default({ kind: 'newest' }),
  limit: z.number().int().min(1).max(MESSAGE_LIMITS.pageRecords).default(50),
});
export type PageParams = z.input<typeof PageParamsSchema>;

export interface PagePartition {
  partition: number;
  /** This page holds the records of [start, end) of this partition that are readable (no control or aborted records). */
  start: OffsetString;
  end: OffsetString;
  /** Watermarks when the page was read. */
  low: OffsetString;
  high: OffsetString;
}

export interface MessagePage {
  /** Newest first (by timestamp; offsets keep each partition's order). */
  messages: KafkaMessage[];
  /** How this page was read; `self` (a start) reopens exactly this page. */
  direction: Direction;
  self: { kind: 'positions'; direction: Direction; positions: Position[] };
  partitions: PagePartition[];
  hasOlder: boolean;
  hasNewer: boolean;
  /** The read stopped at its time budget before the page was full; paging on continues from there. */
  partial: boolean;
}

export const GetMessageParamsSchema = TopicRefSchema.extend({
  partition: PartitionNumberSchema,
  offset: OffsetSchema,
});
export type GetMessageParams = z.input<typeof GetMessageParamsSchema>;

/** Where a scan stops: the end when it starts (high watermark), an offset (exclusive) or a time. */
export const EndSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('end') }),
  z.object({ kind: z.literal('offset'), offset: OffsetSchema }),
  z.object({ kind: z.literal('timestamp'), timestamp: z.number().int().min(0).max(8.64e15) }),
]);
export type End = z.infer<typeof EndSchema>;

export const FilterSchema = z
  .string()
  .max(4000, 'A filter has at most 4,000 characters')
  .superRefine((s, ctx) => {
    const p = parseFilter(s);
    if (!p.ok) ctx.addIssue({ code: 'custom', message: describeFilterError(p) });
  });

/** A scan's range and filter, shared by search and by "export all results". */
export const ScanSchema = z.object({
  partitions: PartitionsFilterSchema,
  /** Scans read forward; `newest` is not a scan start. */
  from: StartSchema.default({ kind: 'oldest' }).refine(
    (s) => s.kind !== 'newest' && (s.kind !== 'positions' || s.direction === 'newer'),
    'A search reads forward: start at the oldest record, an offset, a time or positions read newer',
  ),
  to: EndSchema.default({ kind: 'end' }),
  filter: FilterSchema.default(''),
});
export type Scan = z.input<typeof ScanSchema>;

export const SearchParamsSchema = TopicRefSchema.extend({
  ...ScanSchema.shape,
  maxResults: z
    .number()
    .int()
    .min(1)
    .max(MESSAGE_LIMITS.searchResults, `A search keeps at most ${MESSAGE_LIMITS.searchResults} results`)
    .default(500),
});
export type SearchParams = z.input<typeof SearchParamsSchema>;

export interface ScanPartitionProgress {
  partition: number;
  /** The next offset the scan reads. */
  position: OffsetString;
  start: OffsetString;
  end: OffsetString;
}

export interface ScanProgress {
  scanned: number;
  matched: number;
  bytes: number;
  elapsedMs: number;
  recordsPerSecond: number;
  /** Share of the offset range already read, 0–100. */
  percent: number;
  partitions: ScanPartitionProgress[];
}

export type SearchItem =
  | { kind: 'matches'; messages: KafkaMessage[] }
  | ({ kind: 'progress' } & ScanProgress)
  /**
   * `completed`: the whole range was read; `limit`: maxResults were found, `resume` continues after
   * them. (A cancelled search simply stops.)
   */
  | ({ kind: 'done'; reason: 'completed' | 'limit'; resume: Position[] | null } & ScanProgress);

export const ExportFormatSchema = z.enum(['jsonl', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const RangeSchema = z.object({ partition: PartitionNumberSchema, start: OffsetSchema, end: OffsetSchema });

export const ExportParamsSchema = TopicRefSchema.extend({
  format: ExportFormatSchema,
  source: z.discriminatedUnion('kind', [
    /** A page: its per-partition [start, end). */
    z.object({ kind: z.literal('ranges'), ranges: z.array(RangeSchema).min(1).max(MESSAGE_LIMITS.partitionsPerCall) }),
    /** A selection of records. */
    z.object({
      kind: z.literal('records'),
      records: z
        .array(z.object({ partition: PartitionNumberSchema, offset: OffsetSchema }))
        .min(1, 'Select at least one record')
        .max(MESSAGE_LIMITS.exportRecords, `Export at most ${MESSAGE_LIMITS.exportRecords} selected records at once`),
    }),
    /** Every record a search matches, however many. */
    z.object({ kind: z.literal('search'), scan: ScanSchema }),
  ]),
});
export type ExportParams = z.input<typeof ExportParamsSchema>;

export type ExportItem =
  /** Browser mode: the server is ready to stream the file at this path (the API token is added by the window). */
  | { kind: 'download'; path: string; fileName: string }
  | { kind: 'progress'; records: number; bytes: number; scanned: number; percent: number | null }
  | { kind: 'done'; records: number; bytes: number; savedTo: string | null }
  /** The person closed the save dialog without choosing a file. */
  | { kind: 'not-saved' };

/** How key and value bytes are shown; remembered per topic. */
export const DecodeFormatSchema = z.enum(['auto', 'text', 'json', 'hex', 'base64']);
export type DecodeFormat = z.infer<typeof DecodeFormatSchema>;

export const TopicViewSettingsSchema = z.object({ keyFormat: DecodeFormatSchema, valueFormat: DecodeFormatSchema });
export type TopicViewSettings = z.infer<typeof TopicViewSettingsSchema>;

/** Names one live tail, so the window can ask it for rows and pause it; chosen by the window. */
export const TailIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A tail id is 8 to 64 letters, digits, - or _');

export const TailParamsSchema = TopicRefSchema.extend({
  tailId: TailIdSchema,
  partitions: PartitionsFilterSchema,
  /** How many of the newest records main keeps for the window. */
  window: z.number().int().min(1).max(MESSAGE_LIMITS.tailWindow).default(10_000),
  /** Start at these positions; null starts at the current end of each partition. */
  from: z.array(PositionSchema).max(MESSAGE_LIMITS.partitionsPerCall).nullable().default(null),
});
export type TailParams = z.input<typeof TailParamsSchema>;

/**
 * The state of a live tail, sent at a bounded rate whatever the rate records arrive at. Records
 * are numbered in arrival order from 0: the newest is `received - 1`, and the window holds the
 * `count` records numbered `received - count` to `received - 1`.
 */
export interface TailUpdate {
  received: number;
  count: number;
  /** Records in the last second. */
  perSecond: number;
  paused: boolean;
  /** The newest records (up to `MESSAGE_LIMITS.tailNewestRows`), newest first. */
  newest: KafkaMessage[];
  /** Where each partition's stream continues. */
  next: Position[];
}

export const TailRowsParamsSchema = z.object({
  tailId: TailIdSchema,
  /** The first record number asked for; rows come oldest first from there. */
  from: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  count: z.number().int().min(1).max(MESSAGE_LIMITS.tailRowsPerCall),
});

/** The asked rows that are still in the window: `messages[i]` is record number `from + i`. */
export interface TailRows {
  from: number;
  messages: KafkaMessage[];
}

export const TailPauseParamsSchema = z.object({ tailId: TailIdSchema, paused: z.boolean() });

export const messagesMethods = {
  'messages.newest': method(NewestMessagesParamsSchema).returns<NewestMessagesResult>(),
  /** One page from a start or a cursor, across partitions, without joining any group. */
  'messages.page': method(PageParamsSchema).returns<MessagePage>(),
  /** One whole record (values up to 24 MiB whole), for the detail pane. */
  'messages.get': method(GetMessageParamsSchema).returns<KafkaMessage>(),
  'messages.viewSettings': method(TopicRefSchema).returns<TopicViewSettings>(),
  'messages.saveViewSettings': method(TopicRefSchema.extend({ settings: TopicViewSettingsSchema })).returns<void>(),
  /** Rows of a running live tail's window, by record number. */
  'messages.tailRows': method(TailRowsParamsSchema).returns<TailRows>(),
  /** Pauses a live tail at the broker (its window stays) or resumes it where it stopped. */
  'messages.tailPause': method(TailPauseParamsSchema).returns<void>(),
};

export const messagesSubscriptions = {
  /** New records as they are written, kept in a window in main; the state of it at a bounded rate. */
  'messages.tail': subscription(TailParamsSchema).emits<TailUpdate>(),
  /** A server-side scan: matches as they are found, progress, and a final summary. */
  'messages.search': subscription(SearchParamsSchema).emits<SearchItem>(),
  /** Streams records to a file (save dialog in the desktop app, a download in browser mode). */
  'messages.export': subscription(ExportParamsSchema).emits<ExportItem>(),
};
