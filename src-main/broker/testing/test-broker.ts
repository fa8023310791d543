/** Test helper: a broker on a random port in a fresh temp dir (integration tests only). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBroker, type BrokerOptions, type RunningBroker } from '../broker.js';

export interface TestBroker extends RunningBroker {
  bootstrap: string;
  logs: string[];
  /** Stops the broker and deletes its data dir. */
  dispose(): Promise<void>;
}

export function tempDataDir(prefix = 'samsa-broker-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestBroker(opts: Partial<BrokerOptions> = {}): Promise<TestBroker> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const logs: string[] = [];
  const broker = await startBroker({
    port: 0,
    ...opts,
    dataDir,
    logger: (level, msg) => {
      logs.push(`${level} ${msg}`);
      if (level === 'error') process.stderr.write(`[broker] ${msg}\n`);
    },
  });
  return {
    ...broker,
    bootstrap: `${broker.host}:${broker.port}`,
    logs,
    async dispose() {
      await broker.stop();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
