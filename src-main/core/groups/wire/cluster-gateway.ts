/**
 * The GroupsGateway of one connection: group requests through the project's codec, batched per
 * coordinator (describe, committed offsets) and per leader (log offsets), over the connection's
 * kafkajs brokers. Offset commits and group deletion use kafkajs's own requests.
 */
import type { Broker, Cluster } from 'kafkajs';
import type { ClusterConnection } from '../../connections/connection-pool.js';
import type { CommittedOffsets, DescribedGroup, GroupsGateway, ListedGroup } from '../gateway.js';
import { GroupProtocolError } from '../group-errors.js';
import { CoordinatorCache } from './coordinators.js';
import {
  deleteOffsetsOn,
  describeClassicOn,
  describeConsumerOn,
  fetchCommittedOn,
  findCoordinatorsOn,
  listGroupsOn,
} from './group-requests.js';
import { LeaderView, logOffsets, offsetsForTime } from './log-offsets.js';

interface KafkaBroker extends Broker {
  offsetCommit(req: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; errorCode: number }[] }[] }>;
  deleteGroups(
    groupIds: string[],
  ): Promise<{ results: { groupId: string; errorCode: number; error?: { type: string; message: string } }[] }>;
}

export function createGateway(conn: ClusterConnection): GroupsGateway {
  let clusterP: Promise<Cluster> | null = null;
  const cluster = () =>
    (clusterP ??= conn.cluster().catch((e: unknown) => {
      clusterP = null;
      throw e;
    }));
  let coords: CoordinatorCache | null = null;
  let leaders: LeaderView | null = null;
  const broker = async (nodeId: number) =>
    (await (await cluster()).findBroker({ nodeId: String(nodeId) })) as KafkaBroker;
  const anyBroker = async () => {
    const c = await cluster();
    // A connection's first request may come before its first metadata.
    if (c.getNodeIds().length === 0) await c.refreshMetadata();
    const ids = c.getNodeIds();
    return broker(ids[Math.floor(Math.random() * ids.length)]!);
  };
  const ready = async () => {
    const c = await cluster();
    coords ??= new CoordinatorCache(c, async (ids) => findCoordinatorsOn(await anyBroker(), ids));
    leaders ??= new LeaderView(c);
    return { c, coords, leaders };
  };

  /** Runs `fn` once per coordinator with its groups; groups whose coordinator moved are looked up again once. */
  async function perCoordinator<T>(
    groupIds: readonly string[],
    fn: (b: KafkaBroker, node: number, ids: string[]) => Promise<T & { moved?: string[] }>,
  ): Promise<T[]> {
    const { coords } = await ready();
    const run = async (ids: readonly string[]) =>
      Promise.all(
        [...(await coords.byCoordinator(ids))].map(async ([node, list]) => fn(await broker(node), node, list)),
      );
    const first = await run(groupIds);
    const moved = first.flatMap((r) => r.moved ?? []);
    if (moved.length === 0) return first;
    for (const g of moved) coords.forget(g);
    return [...first, ...(await run(moved))];
  }

  return {
    async listGroups() {
      const c = await cluster();
      await c.refreshMetadataIfNecessary();
      const lists = await Promise.all(c.getNodeIds().map(async (id) => listGroupsOn(await broker(id))));
      const seen = new Map<string, ListedGroup>();
      for (const g of lists.flat()) seen.set(g.groupId, g);
      return [...seen.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
    },

    async describeGroups(groups) {
      const type = new Map(groups.map((g) => [g.groupId, g.type]));
      const out = new Map<string, DescribedGroup>();
      await perCoordinator(
        groups.map((g) => g.groupId),
        async (b, node, ids) => {
          // Consumer groups (ListGroups v5 says so) go to ConsumerGroupDescribe; the rest, and any
          // group the broker says is not classic, to DescribeGroups first.
          const consumer = ids.filter((id) => type.get(id) === 'consumer');
          const classic = ids.filter((id) => type.get(id) !== 'consumer');
          const c = classic.length ? await describeClassicOn(b, node, classic) : { described: [], notClassic: [] };
          const k = await describeConsumerOn(b, node, [...consumer, ...c.notClassic]);
          for (const d of [...c.described, ...k]) out.set(d.groupId, d);
          return {};
        },
      );
      return out;
    },

    async fetchCommitted(groupIds) {
      const out = new Map<string, CommittedOffsets>();
      await perCoordinator(groupIds, async (b, _node, ids) => {
        const answer = await fetchCommittedOn(b, ids);
        for (const [g, o] of answer.offsets) out.set(g, o);
        return { moved: answer.moved };
      });
      return out;
    },

    async topicPartitions(topics) {
      const { leaders } = await ready();
      const md = await leaders.get(topics, true);
      return new Map([...md].map(([t, m]) => [t, m.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b)]));
    },

    async offsets(partitions, opts = {}) {
      const { c, leaders } = await ready();
      return logOffsets(c, leaders, partitions, opts.withStart ?? false);
    },

    async offsetsForTime(partitions, timestamp) {
      const { c, leaders } = await ready();
      return offsetsForTime(c, leaders, partitions, timestamp);
    },

    async commitOffsets(groupId, offsets) {
      const { coords } = await ready();
      const node = (await coords.find([groupId])).get(groupId);
      if (node === undefined)
        throw new GroupProtocolError('COORDINATOR_NOT_AVAILABLE', 15, 'No coordinator for the group');
      // Generation -1 and no member id: a commit for a group without active members, as the Kafka tool does.
      const res = await (
        await broker(node)
      ).offsetCommit({
        groupId,
        groupGenerationId: -1,
        memberId: '',
        topics: [...offsets].map(([topic, parts]) => ({
          topic,
          partitions: [...parts].map(([partition, offset]) => ({ partition, offset: String(offset) })),
        })),
      });
      const failed = res.responses.flatMap((r) => r.partitions).find((p) => p.errorCode !== 0);
      if (failed)
        throw new GroupProtocolError(
          'UNKNOWN',
          failed.errorCode,
          `Offset commit failed with error ${failed.errorCode}`,
        );
    },

    async deleteGroup(groupId) {
      const { coords } = await ready();
      const node = (await coords.find([groupId])).get(groupId);
      if (node === undefined) throw new GroupProtocolError('GROUP_ID_NOT_FOUND', 69, 'No coordinator for the group');
      const res = await (await broker(node)).deleteGroups([groupId]);
      const r = res.results.find((x) => x.groupId === groupId);
      if (r && r.errorCode !== 0) {
        throw new GroupProtocolError(
          r.error?.type ?? 'UNKNOWN',
          r.errorCode,
          r.error?.message ?? `error ${r.errorCode}`,
        );
      }
    },

    async deleteOffsets(groupId, topic, partitions) {
      const { coords } = await ready();
      const node = (await coords.find([groupId])).get(groupId);
      if (node === undefined) throw new GroupProtocolError('GROUP_ID_NOT_FOUND', 69, 'No coordinator for the group');
      await deleteOffsetsOn(await broker(node), groupId, topic, partitions);
    },
  };
}
