// Browser mode: `npm run serve -- --port 5174`. Builds if needed, then serves on 127.0.0.1.
import './lib/require-node.mjs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, root } from './lib/ensure-built.mjs';

ensureBuilt();
const child = spawn(process.execPath, [join(root, 'out/main/serve.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
