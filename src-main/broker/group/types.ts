/**
 * Plain request/response shapes of the classic group coordinator. Field names follow the Kafka
 * message JSON (lowerCamelCase) so the server's handlers can pass decoded bodies straight through.
 */

/** Classic group states; the transitions between them are ClassicGroup's (group.ts). */
export const GroupState = {
  Empty: 'Empty',
  PreparingRebalance: 'PreparingRebalance',
  CompletingRebalance: 'CompletingRebalance',
  Stable: 'Stable',
  Dead: 'Dead',
} as const;

export type GroupStateName = (typeof GroupState)[keyof typeof GroupState];

export interface GroupCoordinatorOptions {
  /** Folder for the group/offset log and snapshot; created if missing. */
  dataDir: string;
  /** group.initial.rebalance.delay.ms (Kafka default 3000). */
  initialRebalanceDelayMs?: number;
  /** group.min.session.timeout.ms (default 6000). */
  minSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms (default 1800000). */
  maxSessionTimeoutMs?: number;
  /** group.max.size (default unlimited). */
  maxGroupSize?: number;
  /** offsets.retention.minutes expressed in ms (default 7 days). */
  offsetsRetentionMs?: number;
  /** offsets.retention.check.interval.ms (default 600000); 0 disables the periodic cleanup. */
  offsetsRetentionCheckIntervalMs?: number;
  /** offset.metadata.max.bytes (default 4096). */
  maxOffsetMetadataSize?: number;
  /** fsync every log append (survives power loss, not only kill -9). Default false. */
  fsync?: boolean;
  /** Log records appended before the log is folded into a new snapshot. Default 10000. */
  compactAfterRecords?: number;
  /** Where non-fatal storage problems go (torn log tail, failed snapshot). Default console.warn. */
  warn?: (message: string) => void;
  now?: () => number;
  setTimeout?: typeof setTimeout;
  clearTimeout?: typeof clearTimeout;
}

export interface JoinGroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinGroupRequest {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  /** JoinGroup v0 has no rebalance timeout: handlers pass sessionTimeoutMs, as Kafka does. */
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: JoinGroupProtocol[];
  clientId: string;
  clientHost: string;
  apiVersion: number;
  reason?: string | null;
}

export interface JoinGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface JoinGroupResponse {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  members: JoinGroupMember[];
  skipAssignment?: boolean;
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResponse {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeaveGroupRequest {
  groupId: string;
  /** v0–2 handlers pass a single entry built from the request's memberId. */
  members: { memberId: string; groupInstanceId: string | null }[];
}

export interface LeaveGroupResponse {
  /**
   * Top-level error. For v0–2 responses the handler should answer with this code, or if it is
   * NONE with the single member's code (what Kafka's LeaveGroupResponse does for old versions).
   */
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  topics: {
    name: string;
    partitions: {
      partitionIndex: number;
      committedOffset: bigint;
      committedLeaderEpoch: number;
      committedMetadata: string | null;
    }[];
  }[];
}

export interface OffsetCommitResponse {
  topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[];
}

export interface OffsetFetchPartition {
  partitionIndex: number;
  committedOffset: bigint;
  committedLeaderEpoch: number;
  metadata: string | null;
  errorCode: number;
}

export interface OffsetFetchResponse {
  errorCode: number;
  topics: { name: string; partitions: OffsetFetchPartition[] }[];
}

export interface OffsetDeleteResponse {
  errorCode: number;
  topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[];
}

export interface DescribedGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Buffer;
  memberAssignment: Buffer;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  groupState: string;
  protocolType: string;
  protocolData: string;
  members: DescribedGroupMember[];
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  groupState: string;
}

export type JoinCallback = (response: JoinGroupResponse) => void;
export type SyncCallback = (response: SyncGroupResponse) => void;

export const EMPTY_BUFFER: Buffer = Buffer.alloc(0);

export function joinError(memberId: string, errorCode: number): JoinGroupResponse {
  return {
    errorCode,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leader: '',
    memberId,
    members: [],
    skipAssignment: false,
  };
}

export function syncError(errorCode: number): SyncGroupResponse {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BUFFER };
}

/** LeaveGroup v0–2 carry one error: the top-level one, else the single member's (Kafka's rule). */
export function legacyLeaveErrorCode(response: LeaveGroupResponse): number {
  if (response.errorCode !== 0) return response.errorCode;
  return response.members.find((m) => m.errorCode !== 0)?.errorCode ?? 0;
}

/** The protocol type of Kafka consumers, whose JoinGroup metadata is a ConsumerProtocolSubscription. */
export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/**
 * Topics of a consumer protocol subscription (ConsumerProtocolSubscription), or null when the bytes
 * do not follow the schema. Only the V0 prefix (version, topics[]) is read: every later version
 * starts with it, which is how Kafka's coordinator stays independent of future versions.
 */
export function parseSubscriptionTopics(metadata: Buffer): string[] | null {
  let pos = 0;
  // Reading past the end gives -1: a truncated field and a negative one both mean "not a subscription".
  const read = (size: 2 | 4): number => {
    if (pos + size > metadata.length) return -1;
    pos += size;
    return size === 2 ? metadata.readInt16BE(pos - 2) : metadata.readInt32BE(pos - 4);
  };
  if (read(2) < 0) return null; // version
  const count = read(4);
  if (count < 0) return null;
  const topics: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = read(2);
    if (len < 0 || pos + len > metadata.length) return null;
    topics.push(metadata.toString('utf8', pos, pos + len));
    pos += len;
  }
  return topics;
}
