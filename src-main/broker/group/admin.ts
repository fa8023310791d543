/** DescribeGroups, ListGroups and DeleteGroups of the classic coordinator. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { GroupState, parseStateFilter } from './group-state.js';
import type { GroupRegistry } from './group-registry.js';
import type { DescribedGroup, ListedGroup } from './types.js';

export class GroupAdmin {
  constructor(private readonly reg: GroupRegistry) {}

  describeGroup(groupId: string): DescribedGroup {
    if (!this.reg.active) {
      return {
        errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
        groupId,
        groupState: '',
        protocolType: '',
        protocolData: '',
        members: [],
      };
    }
    const group = this.reg.groups.get(groupId);
    if (!group) {
      // Kafka answers unknown groups as Dead without an error.
      return {
        errorCode: ErrorCode.NONE,
        groupId,
        groupState: GroupState.Dead,
        protocolType: '',
        protocolData: '',
        members: [],
      };
    }
    const stable = group.is(GroupState.Stable);
    return {
      errorCode: ErrorCode.NONE,
      groupId,
      groupState: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName ?? '') : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        // Subscription metadata is only meaningful once a protocol is settled.
        memberMetadata: stable ? m.metadata(group.protocolName) : Buffer.alloc(0),
        memberAssignment: m.assignment,
      })),
    };
  }

  listGroups(statesFilter?: string[]): ListedGroup[] {
    if (!this.reg.active) return [];
    const filter = parseStateFilter(statesFilter);
    return [...this.reg.groups.values()]
      .filter((g) => !g.is(GroupState.Dead) && (filter === null || filter.has(g.state.toLowerCase())))
      .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state }));
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return [...new Set(groupIds)].map((groupId) => {
      if (!this.reg.active) return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
      const group = this.reg.groups.get(groupId);
      if (!group || group.is(GroupState.Dead)) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
      if (!group.is(GroupState.Empty)) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
      try {
        this.reg.removeGroup(group);
      } catch {
        return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
      }
      return { groupId, errorCode: ErrorCode.NONE };
    });
  }
}
