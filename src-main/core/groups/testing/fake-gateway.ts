/** Test helper: a GroupsGateway over plain maps that a test edits between samples. */
import type { GroupMember } from '../../../contract/groups.js';
import type { CommittedOffsets, DescribedGroup, GroupsGateway, PartitionOffsets } from '../gateway.js';

export interface FakeGroup {
  state: string;
  members: GroupMember[];
  committed: Record<string, Record<number, number>>;
}

export class FakeGateway implements GroupsGateway {
  groups = new Map<string, FakeGroup>();
  /** topic → partition → [start, end] */
  logs = new Map<string, Map<number, [number, number]>>();
  down: string | null = null;
  commits: { groupId: string; offsets: CommittedOffsets }[] = [];
  calls: string[] = [];

  private check() {
    if (this.down) throw new Error(this.down);
  }

  async listGroups() {
    this.check();
    this.calls.push('listGroups');
    return [...this.groups.keys()].map((groupId) => ({ groupId, protocolType: 'consumer', state: null, type: null }));
  }

  async describeGroups(groups: readonly { groupId: string }[]) {
    this.check();
    this.calls.push(`describeGroups(${groups.length})`);
    const out = new Map<string, DescribedGroup>();
    for (const { groupId } of groups) {
      const g = this.groups.get(groupId);
      if (!g) continue;
      out.set(groupId, {
        groupId,
        type: 'classic',
        state: g.state,
        protocolType: 'consumer',
        assignor: 'range',
        epoch: null,
        members: g.members,
        coordinator: 1,
      });
    }
    return out;
  }

  async fetchCommitted(groupIds: readonly string[]) {
    this.check();
    this.calls.push(`fetchCommitted(${groupIds.length})`);
    const out = new Map<string, CommittedOffsets>();
    for (const id of groupIds) {
      const g = this.groups.get(id);
      if (!g) continue;
      out.set(
        id,
        new Map(
          Object.entries(g.committed).map(([t, parts]) => [
            t,
            new Map(Object.entries(parts).map(([p, o]) => [Number(p), o])),
          ]),
        ),
      );
    }
    return out;
  }

  async topicPartitions(topics: readonly string[]) {
    return new Map(
      topics.flatMap((t): [string, number[]][] => (this.logs.has(t) ? [[t, [...this.logs.get(t)!.keys()]]] : [])),
    );
  }

  async offsets(partitions: ReadonlyMap<string, readonly number[]>) {
    this.check();
    this.calls.push(`offsets(${partitions.size})`);
    const out = new Map<string, Map<number, PartitionOffsets>>();
    for (const [t, parts] of partitions) {
      const m = new Map<number, PartitionOffsets>();
      for (const p of parts) {
        const log = this.logs.get(t)?.get(p);
        if (log) m.set(p, { start: log[0], end: log[1] });
      }
      out.set(t, m);
    }
    return out;
  }

  async offsetsForTime(partitions: ReadonlyMap<string, readonly number[]>, timestamp: number) {
    const out = new Map<string, Map<number, number>>();
    for (const [t, parts] of partitions)
      out.set(t, new Map(parts.map((p) => [p, Math.min(timestamp, this.logs.get(t)!.get(p)![1])])));
    return out;
  }

  async commitOffsets(groupId: string, offsets: CommittedOffsets) {
    this.commits.push({ groupId, offsets });
    const g = this.groups.get(groupId) ?? { state: 'Empty', members: [], committed: {} };
    for (const [t, parts] of offsets) {
      g.committed[t] ??= {};
      for (const [p, o] of parts) g.committed[t]![p] = o;
    }
    this.groups.set(groupId, g);
  }

  async deleteGroup(groupId: string) {
    this.groups.delete(groupId);
  }

  async deleteOffsets(groupId: string, topic: string) {
    delete this.groups.get(groupId)?.committed[topic];
  }
}

export function member(id: string, topic: string, partitions: number[]): GroupMember {
  return {
    memberId: id,
    instanceId: null,
    clientId: `client-${id}`,
    host: '10.0.0.1',
    assignment: [{ topic, partitions }],
  };
}
