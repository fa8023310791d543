/**
 * The groups.* and lag.* calls: live views as subscriptions fed by the sampler, history from the
 * store, and the actions (reset, delete, delete offsets) done through the cluster's gateway.
 */
import type { MethodsImplementation, SubscriptionContext, SubscriptionsImplementation } from '../../contract/define.js';
import { AppError } from '../../contract/errors.js';
import type { GroupDetail, GroupListUpdate, groupsMethods, groupsSubscriptions } from '../../contract/groups.js';
import type { CoreContext } from '../core-context.js';
import type { ClusterSampler, SamplerUpdate } from '../lag/cluster-sampler.js';
import { groupsForTopic, toDetail, toSummary } from '../lag/group-views.js';
import { queryHistory } from '../lag/history-query.js';
import type { LagSampler } from '../lag/lag-sampler.js';
import { untilAborted } from '../util/until-aborted.js';
import { wordGroupError } from './group-errors.js';
import { describeMode, runReset } from './offset-reset.js';

/** Samples in a row without the group before its page says it does not exist. */
const NOT_FOUND_AFTER = 3;

type GroupsApi = MethodsImplementation<typeof groupsMethods> & SubscriptionsImplementation<typeof groupsSubscriptions>;

export function groupsApi(core: CoreContext, lag: LagSampler): GroupsApi {
  /** The sampler of a saved connection (NOT_FOUND for an unknown one); a stale picture is refreshed now. */
  async function samplerFor(clusterId: string): Promise<ClusterSampler> {
    await core.profiles.require(clusterId);
    const sampler = lag.activate(clusterId);
    const stale = sampler.sampledAt === null || lag.now() - sampler.sampledAt > lag.intervalMs * 1.5;
    if (stale) void lag.sampleNow(sampler);
    return sampler;
  }

  /** Runs `fn` on every sampler update until the caller goes away (or `fn` throws, which ends the stream). */
  async function follow<T>(
    sampler: ClusterSampler,
    ctx: SubscriptionContext<T>,
    fn: (u: SamplerUpdate | null) => void,
  ): Promise<void> {
    let failure: unknown = null;
    let wake: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (wake = resolve));
    const run = (u: SamplerUpdate | null) => {
      try {
        fn(u);
      } catch (e) {
        failure = e;
        wake();
      }
    };
    const off = sampler.onUpdate(run);
    try {
      run(null);
      await Promise.race([untilAborted(ctx.signal), failed]);
      if (failure) throw failure;
    } finally {
      off();
    }
  }

  return {
    'groups.list': async ({ clusterId }, ctx) => {
      const sampler = await samplerFor(clusterId);
      await follow(sampler, ctx, (u) => {
        const now = lag.now();
        const full = u === null || u.changed === null;
        const ids = full ? [...sampler.groups.keys()] : [...u.changed!];
        const update: GroupListUpdate = {
          full,
          sampledAt: sampler.sampledAt,
          groups: ids.flatMap((id) => {
            const s = sampler.groups.get(id);
            return s ? [toSummary(sampler, s, now)] : [];
          }),
          removed: u?.removed ?? [],
          problem: sampler.problem,
          problemKind: sampler.problemKind,
          lagKnown: sampler.lagKnown,
        };
        // Before the first answer there is nothing to say yet (unless it is a problem).
        if (full || update.groups.length > 0 || update.removed.length > 0) ctx.emit(update);
      });
    },

    'groups.detail': async ({ clusterId, groupId }, ctx) => {
      const sampler = await samplerFor(clusterId);
      sampler.markOpened(groupId);
      const since = () =>
        lag.history?.seriesOf(clusterId, groupId).some((s) => s.partition >= 0)
          ? (lag.history.watched(clusterId, lag.now()).find((w) => w.groupId === groupId)?.openedAt ?? null)
          : null;
      // Every sample, changed or not: the detail shows offsets and the time of the sample. A group
      // missing from a few samples in a row is gone (one miss may be a group being created).
      let misses = 0;
      await follow(sampler, ctx, (u) => {
        const s = sampler.groups.get(groupId);
        if (s) {
          misses = 0;
          ctx.emit(toDetail(sampler, s, since()));
          return;
        }
        if (sampler.problem) {
          ctx.emit(placeholder(clusterId, groupId, sampler));
          return;
        }
        if (u !== null && sampler.lagKnown && ++misses >= NOT_FOUND_AFTER) {
          throw new AppError('NOT_FOUND', `Consumer group "${groupId}" was not found on this cluster.`);
        }
      });
    },

    'groups.forTopic': async ({ clusterId, topic }, ctx) => {
      const sampler = await samplerFor(clusterId);
      await follow(sampler, ctx, () => {
        if (!sampler.lagKnown && !sampler.problem) return;
        ctx.emit({ sampledAt: sampler.sampledAt, problem: sampler.problem, groups: groupsForTopic(sampler, topic) });
      });
    },

    'groups.resetPreview': ({ clusterId, groupId, scope, mode }, { signal }) =>
      core.onCluster(
        clusterId,
        {},
        async (conn) => {
          const listed = lag.get(clusterId)?.groups.get(groupId)?.listed ?? null;
          return runReset(lag.gatewayFor(conn), groupId, listed, scope, mode, false, lag.now(), signal).catch(
            wordGroupError(groupId),
          );
        },
        signal,
      ),

    'groups.resetApply': async ({ clusterId, groupId, scope, mode }, { signal }) => {
      const plan = await core.onCluster(
        clusterId,
        {},
        async (conn) => {
          const listed = lag.get(clusterId)?.groups.get(groupId)?.listed ?? null;
          return runReset(lag.gatewayFor(conn), groupId, listed, scope, mode, true, lag.now(), signal).catch(
            wordGroupError(groupId),
          );
        },
        signal,
      );
      const sampler = lag.activate(clusterId);
      const where =
        scope.kind === 'all'
          ? 'all topics'
          : scope.kind === 'topic'
            ? scope.topic
            : `${scope.topic}[${scope.partitions.join(', ')}]`;
      sampler.noteOwnChange(
        groupId,
        'offset-reset',
        `Offsets of ${where} reset ${describeMode(mode)} by Samsa (${plan.rows.length} partition${plan.rows.length === 1 ? '' : 's'})`,
      );
      void lag.sampleNow(sampler);
      return plan;
    },

    'groups.delete': async ({ clusterId, groupId }, { signal }) => {
      await core.onCluster(
        clusterId,
        {},
        async (conn) => lag.gatewayFor(conn).deleteGroup(groupId, signal).catch(wordGroupError(groupId)),
        signal,
      );
      const sampler = lag.activate(clusterId);
      sampler.noteOwnChange(groupId, 'group-deleted', 'Group deleted by Samsa');
      void lag.sampleNow(sampler);
      return { deleted: true };
    },

    'groups.deleteOffsets': async ({ clusterId, groupId, topic }, { signal }) => {
      const partitions = await core.onCluster(
        clusterId,
        { topic },
        async (conn) => {
          const gw = lag.gatewayFor(conn);
          const committed = (await gw.fetchCommitted([groupId], signal)).get(groupId)?.get(topic);
          if (!committed || committed.size === 0) {
            throw new AppError('NOT_FOUND', `Group "${groupId}" has no committed offsets for topic "${topic}".`);
          }
          const parts = [...committed.keys()].sort((a, b) => a - b);
          await gw.deleteOffsets(groupId, topic, parts, signal).catch(wordGroupError(groupId, topic));
          return parts;
        },
        signal,
      );
      const sampler = lag.activate(clusterId);
      sampler.noteOwnChange(groupId, 'offsets-deleted', `Committed offsets of ${topic} deleted by Samsa`);
      void lag.sampleNow(sampler);
      return { partitions };
    },

    'groups.setPinned': async ({ clusterId, groupId, pinned }) => {
      await core.profiles.require(clusterId);
      lag.activate(clusterId).setPinned(groupId, pinned);
      return { pinned };
    },

    'lag.history': async ({ clusterId, groupId, from, to, level, topic, maxPoints }) => {
      await core.profiles.require(clusterId);
      if (!lag.history) throw new AppError('INTERNAL', lag.notice ?? 'Lag history is unavailable.');
      return queryHistory(
        lag.history,
        { clusterId, groupId, from, to: to ?? lag.now(), level, topic, maxPoints },
        lag.intervalMs,
      );
    },

    'lag.storeInfo': async () => lag.storeInfo(),
    'lag.updateSettings': async (patch) => lag.updateSettings(patch),
  };
}

function placeholder(clusterId: string, groupId: string, sampler: ClusterSampler): GroupDetail {
  return {
    clusterId,
    groupId,
    type: 'unknown',
    state: 'Unknown',
    protocolType: '',
    assignor: null,
    epoch: null,
    coordinator: null,
    members: [],
    topics: [],
    totalLag: null,
    health: { level: 'UNKNOWN', status: null, reason: sampler.problem ?? 'Not sampled.' },
    drain: null,
    sampledAt: sampler.sampledAt,
    problem: sampler.problem,
    problemKind: sampler.problemKind,
    pinned: sampler.isPinned(groupId),
    partitionHistorySince: null,
  };
}
