import type { appMethods } from '../../contract/app.js';
import type { MethodsImplementation } from '../../contract/define.js';
import type { CoreContext } from '../core-context.js';
import { aboutInfo } from './about.js';

export function appApi(core: CoreContext): MethodsImplementation<typeof appMethods> {
  return {
    'app.info': async () => {
      await core.profiles.list().catch(() => undefined); // loads the file, so a problem is known
      const problem = core.profiles.loadProblem;
      const secretStorage = core.secrets.describe();
      const notices = [problem, secretStorage.warning].filter((n): n is string => n !== null);
      return { version: core.deps.version, mode: core.deps.mode, dataDir: core.deps.dataDir, notices, secretStorage };
    },
    'app.about': () => aboutInfo({ version: core.deps.version, mode: core.deps.mode, buildDir: core.deps.buildDir }),
  };
}
