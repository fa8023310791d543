/**
 * The GroupsGateway of one connection: batched group requests to coordinators and leaders over the
 * connection's kafkajs brokers.
 */
import kafkajs, { type Broker, type Cluster } from 'kafkajs';
import type { GroupMember, GroupType } from '../../../contract/groups.js';
import type { ClusterConnection } from '../../connections/connection-pool.js';
import type { CommittedOffsets, DescribedGroup, GroupsGateway, ListedGroup } from '../gateway.js';
import { GroupProtocolError } from '../group-errors.js';
import { CoordinatorCache, inParallel } from './coordinators.js';
import { LeaderView, logOffsets, offsetsForTime } from './log-offsets.js';

const { AssignerProtocol } = kafkajs;

/** OffsetFetch requests in flight at once (kafkajs asks one group per request). */
const PARALLEL_FETCH = 32;

interface RawDescribed {
  errorCode: number;
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[];
}

interface KafkaBroker extends Broker {
  listGroups(): Promise<{ groups: { groupId: string; protocolType: string }[] }>;
  offsetFetch(req: { groupId: string; topics: [] }): Promise<{
    responses: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }>;
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

/** Classic consumer assignments are in the consumer protocol's format; others (connect) are opaque. */
function decodeAssignment(protocolType: string, bytes: Buffer): GroupMember['assignment'] {
  if (protocolType !== 'consumer' || !bytes || bytes.length === 0) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
    return Object.entries(decoded?.assignment ?? {})
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return [];
  }
}

export function toDescribed(raw: RawDescribed, coordinator: number): DescribedGroup {
  return {
    groupId: raw.groupId,
    type: 'classic' as GroupType,
    state: raw.state,
    protocolType: raw.protocolType,
    assignor: raw.protocol || null,
    epoch: null,
    coordinator,
    members: raw.members
      .map((m) => ({
        memberId: m.memberId,
        instanceId: null,
        clientId: m.clientId,
        host: m.clientHost.replace(/^\//, ''),
        assignment: decodeAssignment(raw.protocolType, m.memberAssignment),
      }))
      .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId)),
  };
}

export function createGateway(conn: ClusterConnection): GroupsGateway {
  let clusterP: Promise<Cluster> | null = null;
  const cluster = () => (clusterP ??= conn.cluster().catch((e) => ((clusterP = null), Promise.reject(e))));
  let coords: CoordinatorCache | null = null;
  let leaders: LeaderView | null = null;
  const ready = async () => {
    const c = await cluster();
    coords ??= new CoordinatorCache(c);
    leaders ??= new LeaderView(c);
    return { c, coords, leaders };
  };
  const broker = async (nodeId: number) =>
    (await (await cluster()).findBroker({ nodeId: String(nodeId) })) as KafkaBroker;

  return {
    async listGroups() {
      const c = await cluster();
      await c.refreshMetadataIfNecessary();
      const lists = await Promise.all(c.getNodeIds().map(async (id) => (await broker(id)).listGroups()));
      const seen = new Map<string, ListedGroup>();
      for (const l of lists) {
        for (const g of l.groups)
          seen.set(g.groupId, { groupId: g.groupId, protocolType: g.protocolType, state: null, type: null });
      }
      return [...seen.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
    },

    async describeGroups(groups) {
      const { coords } = await ready();
      const out = new Map<string, DescribedGroup>();
      const byNode = await coords.byCoordinator(groups.map((g) => g.groupId));
      await Promise.all(
        [...byNode].map(async ([node, ids]) => {
          const b = await broker(node);
          // kafkajs fails a whole batch for one group's error; ask those one by one then.
          const describe = async (groupIds: string[]) =>
            ((await b.describeGroups({ groupIds })) as unknown as { groups: RawDescribed[] }).groups;
          let raws: RawDescribed[];
          try {
            raws = await describe(ids);
          } catch {
            raws = (await inParallel(ids, 8, (id) => describe([id]).catch(() => [] as RawDescribed[]))).flat();
          }
          for (const r of raws) if (r.errorCode === 0 && r.state !== 'Dead') out.set(r.groupId, toDescribed(r, node));
        }),
      );
      return out;
    },

    async fetchCommitted(groupIds) {
      const { coords } = await ready();
      const nodes = await coords.find(groupIds);
      const out = new Map<string, CommittedOffsets>();
      await inParallel([...nodes], PARALLEL_FETCH, async ([groupId, node]) => {
        try {
          const res = await (await broker(node)).offsetFetch({ groupId, topics: [] });
          const offsets: CommittedOffsets = new Map();
          for (const t of res.responses) {
            const m = new Map<number, number>();
            for (const p of t.partitions) if (Number(p.offset) >= 0) m.set(p.partition, Number(p.offset));
            if (m.size > 0) offsets.set(t.topic, m);
          }
          out.set(groupId, offsets);
        } catch (e) {
          const type = (e as { type?: string }).type ?? '';
          if (/COORDINATOR/.test(type)) coords.forget(groupId);
          if (type === 'GROUP_AUTHORIZATION_FAILED' || /COORDINATOR/.test(type)) return;
          throw e;
        }
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
      const node = (await coords.find([groupId])).get(groupId)!;
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
      const node = (await coords.find([groupId])).get(groupId)!;
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

    async deleteOffsets() {
      throw new GroupProtocolError('UNSUPPORTED_VERSION', 35, 'OffsetDelete is not available yet.');
    },
  };
}
