// `npm run bench:lag [-- --groups 500 --partitions 10 --seconds 60 --no-write]`: what watching lag costs.
// A thin launcher so the benchmark itself can be TypeScript (run through tsx).
import './lib/require-node.mjs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './lib/ensure-built.mjs';

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/lag-bench.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
