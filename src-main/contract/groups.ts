import { z } from 'zod';
import { method, subscription } from './define.js';
import { ClusterRefSchema, NoParamsSchema, TopicNameSchema, TopicRefSchema } from './refs.js';
import type { OffsetString } from './topics.js';

/**
 * Consumer groups and lag: the groups list, one group's members and per-partition lag, lag
 * history for charts, Burrow-style status, offset resets and deletions. Live views are
 * subscriptions: the sampler in main pushes every new sample; the renderer never polls.
 */

/** Kafka puts no limit on group ids short of the protocol's 32,767 bytes; real ones are short. */
export const GroupIdSchema = z
  .string()
  .min(1, 'Group id is required')
  .max(1024, 'Group ids have at most 1024 characters here');

export const GroupRefSchema = ClusterRefSchema.extend({ groupId: GroupIdSchema });

/** classic: JoinGroup/SyncGroup protocol; consumer: KIP-848 (Kafka 4.x); share and streams: KIP-932/1071. */
export type GroupType = 'classic' | 'consumer' | 'share' | 'streams' | 'unknown';

/** Burrow's partition statuses. */
export type PartitionStatus = 'OK' | 'WARNING' | 'STOP' | 'STALL' | 'REWIND';

export interface LagVerdict {
  status: PartitionStatus;
  /** The rule that decided, in words ("Lag grew in 9 of the last 9 commits and never fell …"). */
  reason: string;
}

/** The group is as bad as its worst partition: WARNING, or ERROR for STOP, STALL and REWIND. */
export interface GroupHealth {
  level: 'OK' | 'WARNING' | 'ERROR' | 'UNKNOWN';
  /** The worst partition's status; null when the group has no committed offsets. */
  status: PartitionStatus | null;
  reason: string;
}

export interface GroupSummary {
  groupId: string;
  type: GroupType;
  /** Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Assigning, Reconciling, … as the broker says. */
  state: string;
  /** The protocol type of classic groups ("consumer", "connect", …); empty for others. */
  protocolType: string;
  /** Classic: the assignment protocol (range, roundrobin, cooperative-sticky…); consumer: the server assignor. */
  assignor: string | null;
  /** null until the group was described. */
  memberCount: number | null;
  /** Topics the group has committed offsets for or is assigned. */
  topics: string[];
  /** Sum of lag over partitions with a committed offset; null when there is none. */
  totalLag: number | null;
  health: GroupHealth;
  /** Total lag, one point a minute for the last hour, oldest first (null where not sampled). */
  sparkline: (number | null)[];
  pinned: boolean;
}

export type ProblemKind = 'unreachable' | 'not-sampled';

export interface GroupListUpdate {
  /** True for the first update of a stream and after a reset: `groups` is then the whole list. */
  full: boolean;
  /** When the sample behind these figures was taken (ms); null before the first one. */
  sampledAt: number | null;
  /** Groups added or changed (all of them when `full`). */
  groups: GroupSummary[];
  /** Group ids that are gone. */
  removed: string[];
  /** Set while the cluster does not answer or is not sampled: a sentence; the figures shown are from `sampledAt`. */
  problem: string | null;
  /** Why there are no live figures: the cluster did not answer, or it is not sampled now (a stopped sandbox). */
  problemKind: ProblemKind | null;
  /** False while only names and states are known and lag is still being fetched. */
  lagKnown: boolean;
}

export interface GroupMember {
  memberId: string;
  instanceId: string | null;
  clientId: string;
  host: string;
  assignment: { topic: string; partitions: number[] }[];
}

export interface PartitionLag {
  partition: number;
  /** null: the group has no committed offset here ("no commit"). */
  committed: OffsetString | null;
  logEnd: OffsetString;
  lag: number | null;
  /** When Samsa last saw the committed offset change (ms); null when it has not since it started watching. */
  lastCommitSeen: number | null;
  /** The member that holds the partition, if any. */
  memberId: string | null;
  clientId: string | null;
  verdict: LagVerdict | null;
}

export interface TopicLag {
  topic: string;
  /** Sums over partitions with a committed offset. */
  committedSum: number;
  logEndSum: number;
  lag: number | null;
  health: GroupHealth;
  partitions: PartitionLag[];
}

export interface DrainEstimate {
  /** Committed offsets per second (consumption) and log-end offsets per second (production), over the last minutes. */
  consumeRate: number;
  produceRate: number;
  trend: 'catching-up' | 'falling-behind' | 'steady' | 'idle';
  /** Seconds until lag reaches 0 at these rates, when catching up. */
  secondsToDrain: number | null;
  /** How many seconds of samples the rates are based on. */
  basisSeconds: number;
}

export interface GroupDetail {
  clusterId: string;
  groupId: string;
  type: GroupType;
  state: string;
  protocolType: string;
  assignor: string | null;
  /** KIP-848 group epoch; null for classic groups. */
  epoch: number | null;
  coordinator: number | null;
  members: GroupMember[];
  topics: TopicLag[];
  totalLag: number | null;
  health: GroupHealth;
  drain: DrainEstimate | null;
  sampledAt: number | null;
  problem: string | null;
  problemKind: ProblemKind | null;
  pinned: boolean;
  /** When per-partition history started for this group (it is recorded for opened and pinned groups). */
  partitionHistorySince: number | null;
}

export interface TopicGroupLag {
  groupId: string;
  type: GroupType;
  state: string;
  /** Lag of the group on this topic. */
  lag: number | null;
  partitionsWithCommit: number;
  health: GroupHealth;
}

export interface TopicGroupsUpdate {
  sampledAt: number | null;
  problem: string | null;
  groups: TopicGroupLag[];
}

// ——— History ———

export const LAG_RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;
export type LagRange = (typeof LAG_RANGES)[number];

export const LagHistoryParamsSchema = GroupRefSchema.extend({
  /** Milliseconds since the epoch; `to` may be omitted for "now". */
  from: z.number().int().min(0),
  to: z.number().int().min(0).optional(),
  level: z.enum(['group', 'topic', 'partition']).default('group'),
  /** For level "partition": only this topic's partitions. */
  topic: TopicNameSchema.optional(),
  /** At most this many points per series; the store picks its resolution to match. */
  maxPoints: z.number().int().min(10).max(5000, 'At most 5,000 points per series').default(1500),
})
  .refine((p) => p.to === undefined || p.to > p.from, { message: 'The end of the range must be after its start' })
  .refine((p) => (p.to ?? Date.now()) - p.from <= 400 * 86_400_000, {
    message: 'A range can span at most 400 days',
  });
export type LagHistoryParams = z.input<typeof LagHistoryParamsSchema>;

export interface LagSeries {
  /** "group", "topic:orders" or "partition:orders:3". */
  key: string;
  label: string;
  /** Aligned with LagHistory.t; null where this series has no point in that bucket. */
  lag: (number | null)[];
  /** Committed offsets per second between this point and the previous one. */
  consumeRate: (number | null)[];
  /** Log-end offsets per second between this point and the previous one. */
  produceRate: (number | null)[];
}

export type LagEventKind =
  | 'rebalance'
  | 'member-joined'
  | 'member-left'
  | 'offset-reset'
  | 'rewind'
  | 'offsets-deleted'
  | 'group-deleted'
  | 'state';

export interface LagEvent {
  t: number;
  kind: LagEventKind;
  text: string;
}

export interface LagGap {
  from: number;
  to: number;
  reason: string;
}

export interface LagHistory {
  from: number;
  to: number;
  /** Width of one point (ms); 0 when every sample is shown. */
  stepMs: number;
  /** How the points were kept: "every sample", "one point a minute", … */
  resolution: string;
  /** Point times, oldest first. */
  t: number[];
  series: LagSeries[];
  events: LagEvent[];
  gaps: LagGap[];
  /** For level "partition": when per-partition recording started (earlier time shows topic totals only). */
  partitionHistorySince: number | null;
}

// ——— Offset reset ———

export const ResetScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('topic'), topic: TopicNameSchema }),
  z.object({
    kind: z.literal('partitions'),
    topic: TopicNameSchema,
    partitions: z
      .array(z.number().int().min(0))
      .min(1, 'Choose at least one partition')
      .max(10_000, 'At most 10,000 partitions'),
  }),
]);

const offsetText = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,19}$/, `${what} must be a whole number`);

export const ResetModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earliest') }),
  z.object({ kind: z.literal('latest') }),
  z.object({ kind: z.literal('current') }),
  z.object({ kind: z.literal('datetime'), timestamp: z.number().int().min(0, 'Pick a date after 1970') }),
  z.object({
    kind: z.literal('duration'),
    /** Back from now. */
    ms: z
      .number()
      .int()
      .min(1, 'The duration must be positive')
      .max(3650 * 86_400_000, 'At most ten years back'),
  }),
  z.object({ kind: z.literal('offset'), offset: offsetText('The offset') }),
  z.object({ kind: z.literal('shift'), by: offsetText('The shift') }),
]);

export const ResetParamsSchema = GroupRefSchema.extend({ scope: ResetScopeSchema, mode: ResetModeSchema });
export type ResetParams = z.input<typeof ResetParamsSchema>;
export type ResetMode = z.output<typeof ResetModeSchema>;
export type ResetScope = z.output<typeof ResetScopeSchema>;

export interface ResetRow {
  topic: string;
  partition: number;
  current: OffsetString | null;
  target: OffsetString;
  logStart: OffsetString;
  logEnd: OffsetString;
  /** Lag once applied (log end − target). */
  lagAfter: OffsetString;
  /** Why the target is not exactly what was asked ("clamped to the log start"), if so. */
  note: string | null;
}

export interface ResetPlan {
  groupId: string;
  applied: boolean;
  rows: ResetRow[];
  /** Active members: a reset is refused while there are any. */
  activeMembers: { memberId: string; clientId: string; host: string }[];
  lagBefore: number;
  lagAfter: number;
}

// ——— Settings ———

export const LagSettingsSchema = z.object({
  sampleIntervalSeconds: z
    .number()
    .int('Whole seconds')
    .min(1, 'Sample at most once a second')
    .max(60, 'Sample at least once a minute'),
  sizeCapMb: z
    .number()
    .int('Whole megabytes')
    .min(10, 'Keep at least 10 MB of history')
    .max(100_000, 'At most 100,000 MB'),
});
export type LagSettings = z.output<typeof LagSettingsSchema>;

export interface LagStoreInfo {
  settings: LagSettings;
  path: string;
  sizeBytes: number;
  /** New history written per day at the current rate (all resolutions), from the last day's data. */
  bytesPerDay: number | null;
  oldestPoint: number | null;
  /** Set when history is not recorded by this process (another Samsa window records it) or could not be read. */
  notice: string | null;
}

export const groupsMethods = {
  'groups.resetPreview': method(ResetParamsSchema).returns<ResetPlan>(),
  /** Refused while the group has active members (the error names them). */
  'groups.resetApply': method(ResetParamsSchema).returns<ResetPlan>(),
  /** Refused unless the group is empty. */
  'groups.delete': method(GroupRefSchema).returns<{ deleted: true }>(),
  /** OffsetDelete: forgets the group's committed offsets for one topic. */
  'groups.deleteOffsets': method(GroupRefSchema.extend({ topic: TopicNameSchema })).returns<{ partitions: number[] }>(),
  'groups.setPinned': method(GroupRefSchema.extend({ pinned: z.boolean() })).returns<{ pinned: boolean }>(),
  'lag.history': method(LagHistoryParamsSchema).returns<LagHistory>(),
  'lag.storeInfo': method(NoParamsSchema).returns<LagStoreInfo>(),
  'lag.updateSettings': method(LagSettingsSchema.partial()).returns<LagStoreInfo>(),
};

export const groupsSubscriptions = {
  /** The cluster's groups: the whole list first, then what changed with every sample. */
  'groups.list': subscription(ClusterRefSchema).emits<GroupListUpdate>(),
  /** One group, again with every sample; opening it starts per-partition history. */
  'groups.detail': subscription(GroupRefSchema).emits<GroupDetail>(),
  /** The groups that read a topic, and their lag on it. */
  'groups.forTopic': subscription(TopicRefSchema).emits<TopicGroupsUpdate>(),
};
