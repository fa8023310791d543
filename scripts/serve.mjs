// Browser mode: `npm run serve -- --port 5174`. Builds if needed, then serves on 127.0.0.1.
// Runs in this very process (no child): killing it, even with kill -9, leaves nothing running
// (the sandbox broker it starts watches this process).
import './lib/require-node.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './lib/ensure-built.mjs';

ensureBuilt();
await import(pathToFileURL(join(root, 'out/main/serve.js')).href);
