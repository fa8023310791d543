import type { MethodsImplementation, SubscriptionsImplementation } from '../../contract/define.js';
import type { messagesMethods, messagesSubscriptions } from '../../contract/messages.js';
import type { CoreContext } from '../core-context.js';
import { getMessage, newestMessages, pageMessages } from './browse.js';
import { exportMessages } from './export.js';
import { search } from './search.js';
import { LiveTails } from './live-tails.js';
import { tail } from './tail.js';
import { ViewSettingsStore } from './view-settings.js';

export function messagesApi(
  core: CoreContext,
): MethodsImplementation<typeof messagesMethods> & SubscriptionsImplementation<typeof messagesSubscriptions> {
  const views = new ViewSettingsStore(core.deps.dataDir);
  const tails = new LiveTails();
  const where = (p: { topic: string; partition?: number | null }) => ({
    topic: p.topic,
    partition: p.partition ?? undefined,
  });
  return {
    'messages.newest': (params, { signal }) =>
      core.onCluster(params.clusterId, where(params), async (c) => newestMessages(await c.cluster(), params), signal),
    'messages.page': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        where(params),
        async (c) => pageMessages(await c.cluster(), params, signal),
        signal,
      ),
    'messages.get': (params, { signal }) =>
      core.onCluster(params.clusterId, where(params), async (c) => getMessage(await c.cluster(), params), signal),
    'messages.viewSettings': async (params) => {
      await core.profiles.require(params.clusterId);
      return views.get(params.clusterId, params.topic);
    },
    'messages.saveViewSettings': async (params) => {
      await core.profiles.require(params.clusterId);
      await views.save(params.clusterId, params.topic, params.settings);
    },
    'messages.tailRows': async (params) => tails.get(params.tailId).rows(params.from, params.count),
    'messages.tailPause': async (params) => tails.get(params.tailId).setPaused(params.paused),
    // Streams run without the call deadline: they last as long as the window wants them.
    'messages.tail': async (params, ctx) => {
      const live = tails.open(params.tailId, params.window);
      try {
        await core.onStream(
          params.clusterId,
          where(params),
          async (c) => tail(await c.cluster(), params, ctx, live),
          ctx.signal,
        );
      } finally {
        tails.close(live);
      }
    },
    'messages.search': (params, ctx) =>
      core.onStream(params.clusterId, where(params), async (c) => search(await c.cluster(), params, ctx), ctx.signal),
    'messages.export': (params, ctx) =>
      core.onStream(
        params.clusterId,
        where(params),
        async (c) => exportMessages(await c.cluster(), params, ctx, core.deps.openExportTarget),
        ctx.signal,
      ),
  };
}
