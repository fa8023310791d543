import type { MethodsImplementation, SubscriptionsImplementation } from '../../contract/define.js';
import { AppError } from '../../contract/errors.js';
import type { sandboxMethods, sandboxSubscriptions } from '../../contract/sandbox.js';
import type { CoreContext } from '../core-context.js';
import { untilAborted } from '../util/until-aborted.js';
import type { DemoTraffic } from './demo-traffic.js';
import { loadSampleData, sampleDataPlan } from './sample-data.js';

/** The sandbox.* methods, straight onto the manager; a started sandbox keeps its profile current. */
export function sandboxApi(
  core: CoreContext,
  demo: DemoTraffic,
): MethodsImplementation<typeof sandboxMethods> & SubscriptionsImplementation<typeof sandboxSubscriptions> {
  const { sandbox, profiles } = core;
  const running = () => {
    const bootstrap = sandbox.bootstrap;
    if (!bootstrap) throw new AppError('SANDBOX_ERROR', 'Start the sandbox first: it is not running.');
    return bootstrap;
  };
  // Loads run one after the other: a second one (another click, another window) then finds the data there.
  let sampleLoads: Promise<unknown> = Promise.resolve();
  return {
    'sandbox.status': () => sandbox.status(),
    'sandbox.start': async ({ port }) => {
      const status = await sandbox.start(port);
      if (sandbox.bootstrap) await profiles.upsertSandbox(sandbox.bootstrap);
      return status;
    },
    'sandbox.stop': async () => {
      await demo.stop();
      return sandbox.stop();
    },
    'sandbox.reset': async () => {
      await demo.stop();
      return sandbox.reset();
    },
    'sandbox.loadSampleData': async () => {
      const bootstrap = running();
      const load = sampleLoads.catch(() => undefined).then(() => loadSampleData(bootstrap));
      sampleLoads = load;
      return load;
    },
    'sandbox.sampleDataPlan': async () => sampleDataPlan(running()),
    'sandbox.demoTrafficStatus': async () => demo.status(),
    'sandbox.setDemoTraffic': async ({ running }) => {
      if (!running) return demo.stop();
      const bootstrap = sandbox.bootstrap;
      if (!bootstrap) throw new AppError('SANDBOX_ERROR', 'Start the sandbox first: it is not running.');
      try {
        return await demo.start(bootstrap);
      } catch (e) {
        await demo.stop();
        throw new AppError('SANDBOX_ERROR', `The demo traffic could not start: ${(e as Error).message}`);
      }
    },
    'sandbox.tailLog': async ({ backlog }, ctx) => {
      // Backlog and listener are set up in one synchronous step, so no line falls between them.
      for (const line of backlog > 0 ? sandbox.logs().slice(-backlog) : []) ctx.emit(line);
      const off = sandbox.onLog((line) => ctx.emit(line));
      try {
        await untilAborted(ctx.signal);
      } finally {
        off();
      }
    },
  };
}
