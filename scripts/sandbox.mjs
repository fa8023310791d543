// Headless sandbox broker: `npm run sandbox -- --port 9092 --data-dir ./.sandbox`.
import './lib/require-node.mjs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, root } from './lib/ensure-built.mjs';

ensureBuilt({ quiet: true });
const child = spawn(process.execPath, [join(root, 'out/main/sandbox.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
