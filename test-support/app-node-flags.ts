/**
 * The Node flags the app's main process runs with in browser mode, read from package.json's `serve`
 * script (the one place they are set), so benchmarks and e2e start `out/main/serve.js` exactly as
 * `npm run serve` and `npm start` do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './kafka/kafka-fixture.js';

export function appNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const m = /^node((?: --[^\s]+)*) scripts\/serve\.mjs$/.exec(pkg.scripts.serve ?? '');
  if (!m)
    throw new Error(`package.json's serve script is not "node [--flags] scripts/serve.mjs": ${pkg.scripts.serve}`);
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}
