/**
 * The core: the contract implemented on kafkajs (and, where kafkajs falls short, on the project's
 * own Kafka protocol codec). One implementation module per domain, merged here. Hosts (Electron
 * main, browser mode) inject paths, events, secret storage and how to launch the sandbox broker;
 * nothing here knows about Electron.
 */
import type { CallContext, MethodsImplementation } from '../contract/define.js';
import type { ApiImplementation, Methods } from '../contract/methods.js';
import { appApi } from './app/app-api.js';
import { clusterApi } from './cluster/cluster-api.js';
import { configsApi } from './configs/configs-api.js';
import { connectionsApi } from './connections/connections-api.js';
import { createCoreContext, type CoreDeps } from './core-context.js';
import { groupsApi } from './groups/groups-api.js';
import { createGateway } from './groups/wire/cluster-gateway.js';
import { LagSampler } from './lag/lag-sampler.js';
import { DemoTraffic } from './sandbox/demo-traffic.js';
import { messagesApi } from './messages/messages-api.js';
import { produceApi } from './produce/produce-api.js';
import { startSandboxOnFirstRun } from './sandbox/first-run.js';
import { sandboxApi } from './sandbox/sandbox-api.js';
import { topicsApi } from './topics/topics-api.js';

export type { CoreDeps } from './core-context.js';
export type { SecretStore } from './profiles/secret-store.js';
export { keyFileSecretStore } from './profiles/key-file-secrets.js';
export type { CoreLogger } from './util/logger.js';
export { ProfileStore } from './profiles/profile-store.js';

/** Callers inside the main process (tests, the runtime) may leave out the call context. */
type InProcessCalls<T> = {
  [K in keyof T]: T[K] extends (params: infer P, ctx: CallContext) => infer R
    ? (params: P, ctx?: CallContext) => R
    : T[K];
};

export type Core = InProcessCalls<ApiImplementation> & {
  /** Starts the sandbox and saves its connection when nothing is saved yet (first run). */
  ensureFirstCluster(log?: (message: string) => void): Promise<void>;
  /** Disconnects every Kafka client and stops the sandbox broker (its data stays on disk). */
  close(): Promise<void>;
  /** Set when saved connections could not be read at start and were moved aside. */
  profilesLoadProblem(): string | null;
};

/** A context for calls that nobody can cancel. */
const UNCANCELLED: CallContext = { signal: new AbortController().signal };

export function createCore(deps: CoreDeps): Core {
  const core = createCoreContext(deps);
  const lag = new LagSampler({ core, gateway: createGateway });
  lag.start();
  const demo = new DemoTraffic(core.logger);
  const api: ApiImplementation = {
    ...appApi(core),
    ...connectionsApi(core),
    ...clusterApi(core),
    ...topicsApi(core),
    ...configsApi(core),
    ...messagesApi(core),
    ...produceApi(core),
    ...sandboxApi(core, demo),
    ...groupsApi(core, lag),
  } satisfies MethodsImplementation<Methods>;

  const calls = {} as Record<string, (params: unknown, ctx?: CallContext) => unknown>;
  for (const [name, fn] of Object.entries(api) as [string, (p: unknown, c: CallContext) => unknown][]) {
    calls[name] = (params, ctx) => fn(params, ctx ?? UNCANCELLED);
  }
  return {
    ...(calls as unknown as InProcessCalls<ApiImplementation>),
    ensureFirstCluster: (log = () => undefined) => startSandboxOnFirstRun(core, log),
    async close() {
      await demo.stop();
      lag.close();
      core.health.close();
      await core.pool.closeAll().catch(() => undefined);
      await core.sandbox.stop().catch(() => undefined);
    },
    profilesLoadProblem: () => core.profiles.loadProblem,
  };
}
