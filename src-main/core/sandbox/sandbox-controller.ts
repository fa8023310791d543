import type { ResultOf } from '../../contract/methods.js';
import type { SandboxLogLine, SandboxStatus } from '../../contract/sandbox.js';

/**
 * What the core needs from the bundled sandbox broker's manager (implemented elsewhere). The
 * sandbox.* contract methods delegate here one to one.
 */
export interface SandboxController {
  status(): Promise<SandboxStatus>;
  start(port?: number): Promise<SandboxStatus>;
  stop(): Promise<SandboxStatus>;
  /** Stops the broker if running and deletes its data folder. */
  reset(): Promise<SandboxStatus>;
  logs(): Promise<SandboxLogLine[]>;
  loadSampleData(): Promise<ResultOf<'sandbox.loadSampleData'>>;
}
