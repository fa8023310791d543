// `npm run check:package`: checks the installable app as far as this machine allows (no Electron
// binary can be downloaded here, so no installer can be built). See README, "Building installers".
//  1. icons: resources/ matches what resources/icon.svg gives;
//  2. electron-builder.yml: valid for electron-builder's schema, and as Samsa needs it;
//  3. electron-builder packs the app (Linux "dir" target, on a stand-in Electron binary): app.asar
//     is its real output, and the fuses it flipped are read back;
//  4. app.asar: allow-list, forbidden files, run-time packages, size and file count;
//  5. smoke test: the extracted archive runs with plain Node (browser mode, sandbox broker).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALLOW_LIST, extractArchive, inspectArchive } from './package-check/archive.js';
import { configProblems, loadBuilderConfig, REQUIRED_FUSES } from './package-check/builder-config.js';
import { packWithStandIn, readFuses } from './package-check/pack.js';
import { assertIsolated, resolveImports, smokeTest } from './package-check/smoke.js';
import type { BundledPackage } from './lib/bundled-licenses.js';
import { quietKafkajsTimeoutWarning } from '../src-main/runtime/quiet-kafkajs-warning.js';

const root = join(import.meta.dirname, '..');
const failures: string[] = [];
const section = (title: string) => console.log(`\n--- ${title}`);
const ok = (text: string) => console.log(`  ok    ${text}`);
const fail = (text: string) => {
  failures.push(text);
  console.log(`  FAIL  ${text}`);
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

async function main(): Promise<void> {
  quietKafkajsTimeoutWarning(); // the smoke test's own Kafka client
  const work = mkdtempSync(join(tmpdir(), 'samsa-package-check-'));
  try {
    section('icons');
    const icons = spawnSync(process.execPath, [join(root, 'scripts/icons.mjs'), '--check'], { encoding: 'utf8' });
    if (icons.status === 0) ok(icons.stdout.trim());
    else fail(icons.stderr.trim());

    section('electron-builder configuration');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const config = await loadBuilderConfig(root);
    ok(`electron-builder.yml passes electron-builder's schema validation`);
    const problems = configProblems(config, pkg);
    for (const p of problems) fail(p);
    if (problems.length === 0) ok(`app id ${config.appId}, targets AppImage+deb, dmg x64+arm64, NSIS; publish: null`);
    const depNames = Object.keys(pkg.dependencies ?? {});
    const updaters = depNames.filter((d) => /updater|sentry|analytics|telemetry|posthog|segment/i.test(d));
    if (updaters.length > 0) fail(`dependencies look like update or telemetry services: ${updaters.join(', ')}`);
    else ok('no auto-update or telemetry package among the dependencies');

    section('electron-builder packs the app (stand-in Electron binary)');
    const packed = packWithStandIn(root, work);
    ok(`packed into ${packed.appDir}`);
    const fuses = readFuses(packed.executable);
    for (const [fuse, want] of Object.entries(REQUIRED_FUSES)) {
      if (fuses[fuse] === want) ok(`fuse ${fuse} = ${want}`);
      else fail(`fuse ${fuse} is ${fuses[fuse]} after packing, expected ${want}`);
    }
    if (/app-update\.yml/.test(packed.log)) fail('electron-builder wrote an update feed (app-update.yml)');

    section('app.asar');
    const mainLicenses = JSON.parse(readFileSync(join(root, 'out/main/licenses.json'), 'utf8')) as BundledPackage[];
    const runtimePackages = mainLicenses.filter((p) => p.how === 'runtime').map((p) => p.name);
    const report = inspectArchive(packed.asarPath, runtimePackages);
    console.log(`  size  ${mib(report.bytes)} (${report.bytes} bytes), ${report.files.length} files`);
    const outFiles = report.files.filter((f) => !f.startsWith('node_modules/'));
    console.log(
      `        ${outFiles.length} files of our own; ${report.packages.length} packages: ${report.packages.join(', ')}`,
    );
    for (const f of report.notAllowed) fail(`not on the allow-list: ${f}`);
    if (report.notAllowed.length === 0) ok(`every file matches the allow-list (${ALLOW_LIST.length} rules)`);
    for (const { file, what } of report.forbidden) fail(`${what} in the archive: ${file}`);
    if (report.forbidden.length === 0) ok('no sources, tests, source maps, fixtures, Kafka jars, updater or telemetry');
    for (const p of report.missingPackages) fail(`main imports ${p} at run time, but it is not in the archive`);
    for (const p of report.extraPackages) {
      fail(`${p} is packed but nothing in out/main imports it: if only the renderer uses it, make it a devDependency`);
    }
    if (report.missingPackages.length + report.extraPackages.length === 0) {
      ok(`node_modules holds exactly the run-time imports of out/main: ${runtimePackages.join(', ')}`);
    }
    if (report.unpacked.length > 0) fail(`files unpacked next to the archive: ${report.unpacked.join(', ')}`);
    for (const must of [
      'out/main/index.js',
      'out/main/sandbox.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      if (!report.files.includes(must)) fail(`${must} is missing from the archive`);
    }
    const code = report.files.filter((f) => f.startsWith('out/main/') && f.endsWith('.js'));
    // Code, not comments: a comment may well explain why the variable is not used.
    const usesRunAsNode = (f: string) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .some((line) => line.includes('ELECTRON_RUN_AS_NODE') && !/^\s*(\*|\/\/|\/\*)/.test(line));
    const runAsNode = code.filter(usesRunAsNode);
    if (runAsNode.length > 0)
      fail(`ELECTRON_RUN_AS_NODE is used by ${runAsNode.join(', ')} (the RunAsNode fuse is off)`);
    else ok('nothing in the main code relies on ELECTRON_RUN_AS_NODE');

    section('smoke test: the extracted archive on plain Node');
    const appDir = join(work, 'app');
    extractArchive(packed.asarPath, appDir);
    assertIsolated(appDir);
    const resolved = resolveImports(appDir);
    ok(`${resolved.length} bare imports of out/main resolve inside the archive (electron aside)`);
    for (const step of (await smokeTest(appDir, work)).steps) ok(step);

    console.log(`\nPackaged app: ${mib(report.bytes)}, ${report.files.length} files in app.asar.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => {
    console.log(
      failures.length === 0 ? 'Packaging check passed.' : `Packaging check failed: ${failures.length} problem(s).`,
    );
    process.exit(failures.length === 0 ? 0 : 1);
  },
  (error: unknown) => {
    console.error(`Packaging check failed: ${(error as Error)?.stack ?? error}`);
    process.exit(1);
  },
);
