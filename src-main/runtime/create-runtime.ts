import { join } from 'node:path';
import type { ConnectionProfile } from '../contract/index.js';
import { createCore, type SecretStore } from '../core/index.js';
import { loadSampleData } from '../core/sandbox/sample-data.js';
import { SandboxManager, type BrokerLaunch } from '../core/sandbox/sandbox-manager.js';
import { AppError } from '../contract/index.js';
import { createDispatcher, type Dispatch } from '../transport/dispatcher.js';
import { EventHub } from '../transport/event-hub.js';

export interface RuntimeOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  brokerLaunch: BrokerLaunch;
  secrets?: SecretStore;
  log?: (message: string) => void;
}

export const SANDBOX_PROFILE_NAME = 'Sandbox';

/**
 * Wires one core, one sandbox manager, the event hub and the dispatcher. Electron's main process
 * and browser mode both build exactly this; only the transport in front differs.
 */
export function createRuntime(opts: RuntimeOptions) {
  const hub = new EventHub();
  const log = opts.log ?? (() => undefined);
  const sandbox = new SandboxManager({
    dataDir: join(opts.dataDir, 'sandbox'),
    launch: opts.brokerLaunch,
    events: hub,
  });

  const core = createCore({
    dataDir: opts.dataDir,
    events: hub,
    secrets: opts.secrets,
    mode: opts.mode,
    version: opts.version,
    sandbox: {
      status: () => sandbox.status(),
      start: async (port?: number) => {
        const status = await sandbox.start(port);
        await syncSandboxProfile();
        return status;
      },
      stop: () => sandbox.stop(),
      reset: () => sandbox.reset(),
      logs: async () => sandbox.logs(),
      loadSampleData: async () => {
        const bootstrap = sandbox.bootstrap;
        if (!bootstrap) throw new AppError('SANDBOX_ERROR', 'Start the sandbox first: it is not running.');
        return loadSampleData(bootstrap);
      },
    },
  });

  /** Keeps a "Sandbox" connection pointing at the port the sandbox actually runs on. */
  async function syncSandboxProfile(): Promise<ConnectionProfile | null> {
    const bootstrap = sandbox.bootstrap;
    if (!bootstrap) return null;
    const profiles = await core['connections.list']({});
    const input = { name: SANDBOX_PROFILE_NAME, bootstrapServers: [bootstrap], tls: false, sasl: null };
    const existing = profiles.find((p) => p.sandbox) ?? profiles.find((p) => p.name === SANDBOX_PROFILE_NAME);
    if (!existing) return core['connections.create']({ ...input, sandbox: true } as typeof input);
    if (existing.bootstrapServers.join(',') === bootstrap) return existing;
    return core['connections.update']({ id: existing.id, input });
  }

  const dispatch: Dispatch = createDispatcher(core, {
    onUnexpectedError: (method, error) => log(`Unexpected error in ${method}: ${(error as Error)?.stack ?? error}`),
  });

  return {
    hub,
    core,
    sandbox,
    dispatch,
    /**
     * First run: with no saved connection, start the sandbox and connect to it, so a newcomer
     * lands on a working cluster. Failures are logged, not fatal: the UI shows the sandbox page.
     */
    async ensureFirstCluster(): Promise<void> {
      const profiles = await core['connections.list']({});
      if (profiles.length > 0) return;
      try {
        await sandbox.start(9092).catch(async (error) => {
          const suggested = (await sandbox.status()).suggestedPort;
          if (error instanceof AppError && error.code === 'PORT_IN_USE' && suggested) return sandbox.start(suggested);
          throw error;
        });
        await syncSandboxProfile();
        log(`Sandbox broker running on ${sandbox.bootstrap}`);
      } catch (error) {
        log(`Could not start the sandbox broker: ${(error as Error).message}`);
        for (const line of sandbox.logs().slice(-5)) log(`  sandbox: ${line.text}`);
      }
    },
    async close(): Promise<void> {
      await core.close().catch(() => undefined);
      await sandbox.stop().catch(() => undefined);
    },
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
