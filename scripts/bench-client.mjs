// `npm run bench:client [-- --records N --reps N --skip-tail --no-write]`: the message workbench vs kcat.
// A thin launcher so the benchmark itself can be TypeScript (run through tsx); builds first if needed.
import './lib/require-node.mjs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, root } from './lib/ensure-built.mjs';

ensureBuilt();
const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'bench/client-bench.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
