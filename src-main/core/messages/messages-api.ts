import type { MethodsImplementation } from '../../contract/define.js';
import type { messagesMethods } from '../../contract/messages.js';
import type { CoreContext } from '../core-context.js';
import { newestMessages } from './newest.js';

export function messagesApi(core: CoreContext): MethodsImplementation<typeof messagesMethods> {
  return {
    'messages.newest': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.topic, partition: params.partition ?? undefined },
        async (c) => newestMessages(await c.cluster(), params),
        signal,
      ),
  };
}
