import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveBrokerLaunch } from '../runtime/broker-launch.js';
import { intArg, parseArgs } from '../runtime/cli-args.js';
import { createRuntime } from '../runtime/create-runtime.js';
import { defaultDataDir } from '../runtime/data-dir.js';
import { startBrowserHost } from './browser-host.js';

/**
 * Browser mode: `npm run serve -- --port N [--data-dir DIR] [--skip-sandbox]`. Serves the same
 * renderer and API as the desktop window, on 127.0.0.1 only, behind a random token.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = resolve(here, '../renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir} is missing). Run "npm run build" first.`);
    process.exit(1);
  }
  const dataDirArg = args.get('data-dir');
  const dataDir = typeof dataDirArg === 'string' ? resolve(dataDirArg) : defaultDataDir();
  const port = intArg(args, 'port', 5174);
  const version = readVersion(here);

  const runtime = createRuntime({
    dataDir,
    mode: 'browser',
    version,
    buildDir: resolve(here, '..'),
    brokerLaunch: resolveBrokerLaunch(),
    log: (m) => console.error(m),
  });
  if (!args.has('skip-sandbox') && process.env.SAMSA_SKIP_SANDBOX !== '1') await runtime.ensureFirstCluster();

  let host;
  try {
    host = await startBrowserHost({ port, staticDir, dispatcher: runtime.dispatcher, hub: runtime.hub });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use. Try --port ${port + 1}.` : String(error));
    await runtime.close();
    process.exit(2);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed last: whoever waits for this line may signal us as soon as it reads it.
  console.log(`Samsa is running at ${host.url}`);
}

function readVersion(here: string): string {
  for (const candidate of [resolve(here, '../../package.json'), resolve(here, '../../../package.json')]) {
    try {
      return JSON.parse(readFileSync(candidate, 'utf8')).version;
    } catch {
      /* try the next location */
    }
  }
  return '0.0.0';
}

main().catch((error) => {
  console.error(`Samsa could not start: ${(error as Error).message}`);
  process.exit(1);
});
