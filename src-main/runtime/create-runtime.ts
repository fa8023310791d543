import { createCore, type SecretStore } from '../core/index.js';
import type { BrokerLaunch } from '../core/sandbox/sandbox-manager.js';
import { createDispatcher } from '../transport/dispatcher.js';
import { EventHub } from '../transport/event-hub.js';
import { quietKafkajsTimeoutWarning } from './quiet-kafkajs-warning.js';

export interface RuntimeOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  /** The built app's folder (out/), for the About dialog's licence list. */
  buildDir?: string;
  brokerLaunch: BrokerLaunch;
  secrets?: SecretStore;
  log?: (message: string) => void;
}

/**
 * Wires one core, the event hub and the dispatcher. Electron's main process and browser mode both
 * build exactly this; only the transport in front differs.
 */
export function createRuntime(opts: RuntimeOptions) {
  quietKafkajsTimeoutWarning();
  const hub = new EventHub();
  const log = opts.log ?? (() => undefined);
  const core = createCore({
    dataDir: opts.dataDir,
    events: hub,
    secrets: opts.secrets,
    sandboxLaunch: opts.brokerLaunch,
    mode: opts.mode,
    version: opts.version,
    buildDir: opts.buildDir,
  });
  const dispatcher = createDispatcher(core, {
    onUnexpectedError: (name, error) => log(`Unexpected error in ${name}: ${(error as Error)?.stack ?? error}`),
  });
  return {
    hub,
    core,
    dispatcher,
    ensureFirstCluster: () => core.ensureFirstCluster(log),
    close: () => core.close(),
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
