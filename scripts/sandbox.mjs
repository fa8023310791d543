// Headless sandbox broker: `npm run sandbox -- --port 9092 --data-dir ./.sandbox`.
// Runs the broker in this very process, so a signal (or kill -9) to it reaches the broker itself.
import './lib/require-node.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './lib/ensure-built.mjs';

ensureBuilt({ quiet: true });
const { main } = await import(pathToFileURL(join(root, 'out/main/sandbox.js')).href);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Samsa sandbox: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
