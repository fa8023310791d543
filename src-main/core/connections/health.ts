/** Wires the health monitor to the saved profiles, the sandbox and the probe clients. */
import { AppError } from '../../contract/errors.js';
import type { ProfileStore, SavedProfile } from '../profiles/profile-store.js';
import type { SandboxManager } from '../sandbox/sandbox-manager.js';
import { HealthMonitor } from './health-monitor.js';
import { HealthProbes } from './health-probe.js';

export function createHealthMonitor(deps: {
  profiles: ProfileStore;
  sandbox: Pick<SandboxManager, 'bootstrap' | 'status'>;
  /** Throws when a saved secret cannot be used here (the same check as every call on a cluster). */
  assertUsable: (profile: SavedProfile) => void;
}): HealthMonitor {
  const { profiles, sandbox, assertUsable } = deps;
  const probes = new HealthProbes();
  const monitor = new HealthMonitor({
    list: async () => (await profiles.list()).map((p) => ({ id: p.id, sandbox: p.sandbox })),
    probe: async (id) => {
      const profile = await profiles.require(id);
      assertUsable(profile);
      return probes.probe(profile);
    },
    sandboxDown: async () => (sandbox.bootstrap ? null : sandboxProblem(await sandbox.status())),
    forget: (id) => probes.forget(id),
    closeClients: () => probes.closeAll(),
  });
  profiles.onChange((change) => monitor.profileChanged(change));
  return monitor;
}

function sandboxProblem(s: { state: string; error: string | null }): AppError {
  switch (s.state) {
    case 'starting':
      return new AppError('CONNECTION_FAILED', 'The sandbox is starting.');
    case 'stopping':
      return new AppError('CONNECTION_FAILED', 'The sandbox is stopping.');
    case 'failed':
      return new AppError('SANDBOX_ERROR', `The sandbox is not running. ${s.error ?? 'It failed.'}`);
    default:
      return new AppError('CONNECTION_FAILED', 'The sandbox is stopped. Start it to see live data.');
  }
}
