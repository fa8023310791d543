// Builds with electron-vite when the output is missing or older than any source file,
// so `npm start`, `npm run serve` and `npm run sandbox` always run current code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const outputs = [
  'out/main/index.js',
  'out/main/serve.js',
  'out/main/sandbox.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const sources = [
  'src-main',
  'src-renderer',
  'electron.vite.config.ts',
  'scripts/lib/bundled-licenses.ts',
  'package.json',
];

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function needsBuild() {
  const outPaths = outputs.map((o) => join(root, o));
  if (!outPaths.every(existsSync)) return true;
  const oldestOutput = Math.min(...outPaths.map((p) => statSync(p).mtimeMs));
  const newestSource = Math.max(
    ...sources
      .map((s) => join(root, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  return newestSource > oldestOutput;
}

export function ensureBuilt({ quiet = false } = {}) {
  if (!needsBuild()) return;
  if (!quiet) console.error('Building Samsa (electron-vite build)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

export { root };
