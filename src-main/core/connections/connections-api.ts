import type { connectionsMethods } from '../../contract/connections.js';
import type { MethodsImplementation } from '../../contract/define.js';
import type { CoreContext } from '../core-context.js';
import { testConnection } from './test-connection.js';

export function connectionsApi(core: CoreContext): MethodsImplementation<typeof connectionsMethods> {
  const { profiles } = core;
  return {
    'connections.list': () => profiles.list(),
    'connections.create': (input) => profiles.create(input),
    'connections.update': ({ id, input }) => profiles.update(id, input),
    'connections.remove': async ({ id }) => ({ removed: await profiles.remove(id) }),
    'connections.test': async ({ id, ...input }) =>
      testConnection(await profiles.settingsForTest(input, id), core.logger),
  };
}
