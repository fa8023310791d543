import type { connectionsMethods, connectionsSubscriptions } from '../../contract/connections.js';
import type { MethodsImplementation, SubscriptionsImplementation } from '../../contract/define.js';
import type { CoreContext } from '../core-context.js';
import { untilAborted } from '../util/until-aborted.js';
import { testConnection } from './test-connection.js';

export function connectionsApi(
  core: CoreContext,
): MethodsImplementation<typeof connectionsMethods> & SubscriptionsImplementation<typeof connectionsSubscriptions> {
  const { profiles, health } = core;
  return {
    'connections.list': () => profiles.list(),
    'connections.create': (input) => profiles.create(input),
    'connections.update': ({ id, input }) => profiles.update(id, input),
    'connections.remove': async ({ id }) => ({ removed: await profiles.remove(id) }),
    'connections.test': async ({ id, ...input }) =>
      testConnection(await profiles.settingsForTest(input, id), core.logger),
    'connections.checkHealth': ({ id }) => health.check(id),
    'connections.health': async (_params, ctx) => {
      const stop = await health.watch((h) => ctx.emit(h));
      try {
        await untilAborted(ctx.signal);
      } finally {
        stop();
      }
    },
  };
}
