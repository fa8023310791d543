import { AppError } from '../../contract/errors.js';
import type { CoreContext } from '../core-context.js';

/**
 * First run: with no saved connection, start the sandbox and connect to it, so a newcomer lands
 * on a working cluster. Failures are logged, not fatal: the UI shows the sandbox page.
 */
export async function startSandboxOnFirstRun(core: CoreContext, log: (message: string) => void): Promise<void> {
  const { sandbox, profiles } = core;
  if ((await profiles.list()).length > 0) return;
  try {
    await sandbox.start(9092).catch(async (error) => {
      const suggested = (await sandbox.status()).suggestedPort;
      if (error instanceof AppError && error.code === 'PORT_IN_USE' && suggested) return sandbox.start(suggested);
      throw error;
    });
    if (sandbox.bootstrap) await profiles.upsertSandbox(sandbox.bootstrap);
    log(`Sandbox broker running on ${sandbox.bootstrap}`);
  } catch (error) {
    log(`Could not start the sandbox broker: ${(error as Error).message}`);
    for (const line of sandbox.logs().slice(-5)) log(`  sandbox: ${line.text}`);
  }
}
