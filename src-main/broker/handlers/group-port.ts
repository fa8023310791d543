/**
 * The classic group coordinator as the handlers use it (src-main/broker/group). Results may be
 * plain values or promises, so the handlers work whichever way a method is implemented.
 */
import type {
  DescribedGroup,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  ListedGroup,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetDeleteResponse,
  OffsetFetchResponse,
  SyncGroupRequest,
  SyncGroupResponse,
  HeartbeatRequest,
} from '../group/types.js';

type MaybePromise<T> = T | Promise<T>;

export interface GroupCoordinatorPort {
  joinGroup(req: JoinGroupRequest): MaybePromise<JoinGroupResponse>;
  syncGroup(req: SyncGroupRequest): MaybePromise<SyncGroupResponse>;
  heartbeat(req: HeartbeatRequest): MaybePromise<number | { errorCode: number }>;
  leaveGroup(req: LeaveGroupRequest): MaybePromise<LeaveGroupResponse>;
  commitOffsets(req: OffsetCommitRequest): MaybePromise<OffsetCommitResponse>;
  fetchOffsets(
    groupId: string,
    topics: Array<{ name: string; partitionIndexes: number[] }> | null,
  ): MaybePromise<OffsetFetchResponse>;
  deleteOffsets(
    groupId: string,
    topics: Array<{ name: string; partitions: number[] }>,
  ): MaybePromise<OffsetDeleteResponse>;
  describeGroup(groupId: string): MaybePromise<DescribedGroup>;
  listGroups(states?: string[]): MaybePromise<ListedGroup[]>;
  deleteGroups(groupIds: string[]): MaybePromise<Array<{ groupId: string; errorCode: number }>>;
  onTopicDeleted(topic: string): MaybePromise<void>;
  close(): MaybePromise<void>;
}
