/**
 * Runs the packaged code, extracted from app.asar into a folder with no node_modules above it,
 * with plain Node: every import must resolve from inside the archive. Browser mode starts, starts
 * the sandbox broker from the archive's sandbox.js, serves the window and answers API calls; a
 * Kafka client produces and reads back through the broker; then the host is killed with SIGKILL
 * and its broker must go too, leaving a data folder the next broker starts on.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import WebSocket from 'ws';

export interface SmokeResult {
  steps: string[];
}

/** No node_modules in any folder above `dir`, so nothing outside the archive can be picked up. */
export function assertIsolated(dir: string): void {
  for (let d = dirname(dir); d !== parse(d).root; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) throw new Error(`${d} has a node_modules folder; extract elsewhere.`);
  }
}

/** Bare imports of every built main-process file, resolved from inside the extracted app. */
export function resolveImports(appDir: string): string[] {
  const mainDir = join(appDir, 'out', 'main');
  const files = readdirSync(mainDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const specs = new Set<string>();
  for (const f of files) {
    const code = readFileSync(join(mainDir, f), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
      const spec = m[1]!;
      if (!spec.startsWith('node:') && spec !== 'electron') specs.add(spec);
    }
  }
  // Resolved by Node itself, as an ES module in the extracted out/main would resolve them.
  const probe = `for (const s of ${JSON.stringify([...specs])}) console.log(s + ' -> ' + import.meta.resolve(s));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    cwd: mainDir,
    encoding: 'utf8',
    env: isolatedEnv(),
  });
  if (r.status !== 0) throw new Error(`An import does not resolve inside the archive:\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n').filter(Boolean);
  for (const line of lines) {
    const target = line.split(' -> ')[1] ?? '';
    if (!target.startsWith(`file://${appDir}/`)) throw new Error(`Resolved outside the archive: ${line}`);
  }
  return lines;
}

function isolatedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  delete env.SAMSA_DATA_DIR;
  delete env.SAMSA_SKIP_SANDBOX;
  return env;
}

function waitForLine(
  child: ChildProcess,
  stream: 'stdout' | 'stderr',
  re: RegExp,
  ms: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${re} on ${stream}; got:\n${seen}`)), ms);
    child[stream]!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = re.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before ${re}; output:\n${seen}`)));
  });
}

async function call(url: string, method: string): Promise<unknown> {
  const api = new URL(url);
  const ws = new WebSocket(`ws://${api.host}/api?token=${api.searchParams.get('token')}`, {
    headers: { origin: `http://${api.host}` },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    ws.send(JSON.stringify({ type: 'call', id: 1, method, params: {} }));
    for (;;) {
      const data = await new Promise<WebSocket.RawData>((r) => ws.once('message', (d) => r(d)));
      const frame = JSON.parse(data.toString());
      if (frame.type !== 'result' || frame.id !== 1) continue;
      if (!frame.ok) throw new Error(`${method}: ${frame.error.message}`);
      return frame.result;
    }
  } finally {
    ws.close();
  }
}

const gone = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZXx]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
};

async function waitGone(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (gone(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return gone(pid);
}

export async function smokeTest(appDir: string, workDir: string): Promise<SmokeResult> {
  const steps: string[] = [];
  const dataDir = join(workDir, 'data');
  const host = spawn(process.execPath, [join(appDir, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir], {
    cwd: workDir,
    env: isolatedEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const sandboxLine = waitForLine(host, 'stderr', /Sandbox broker running on (\S+):(\d+)/, 60_000);
    const [, url] = await waitForLine(host, 'stdout', /Samsa is running at (\S+)/, 60_000);
    const [, sbHost, sbPort] = await sandboxLine;
    steps.push(`browser mode started from the archive (${new URL(url!).origin}), sandbox on ${sbHost}:${sbPort}`);

    const page = await fetch(url!);
    const html = await page.text();
    if (page.status !== 200 || !html.includes('<script')) throw new Error(`The window did not load: ${page.status}`);
    steps.push('the window (index.html) is served');

    const about = (await call(url!, 'app.about')) as { version: string; packages: { name: string }[] };
    const names = about.packages.map((p) => p.name);
    for (const must of ['kafkajs', 'react', 'ws', 'zod']) {
      if (!names.includes(must)) throw new Error(`app.about does not list ${must}: ${names.join(', ')}`);
    }
    steps.push(`app.about answers: version ${about.version}, ${names.length} bundled packages with licences`);

    const status = (await call(url!, 'sandbox.status')) as { state: string; pid: number };
    const cmdline = readFileSync(`/proc/${status.pid}/cmdline`, 'utf8').split('\0');
    if (status.state !== 'running' || !cmdline.includes(join(appDir, 'out/main/sandbox.js'))) {
      throw new Error(`The sandbox broker does not run from the archive: ${status.state} ${cmdline.join(' ')}`);
    }
    steps.push(`the sandbox broker runs the archive's sandbox.js (pid ${status.pid})`);

    const kafka = new Kafka({
      brokers: [`${sbHost}:${sbPort}`],
      clientId: 'package-check',
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'package-check', messages: [{ key: 'k', value: 'from the packaged broker' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets('package-check');
    await admin.disconnect();
    if (offsets[0]?.high !== '1') throw new Error(`Expected 1 record, found high watermark ${offsets[0]?.high}`);
    steps.push('a Kafka client produced to the packaged broker and read its offsets back');

    const killedAt = Date.now();
    host.kill('SIGKILL');
    if (!(await waitGone(status.pid, 5_000)))
      throw new Error(`The broker (pid ${status.pid}) outlived its killed host`);
    steps.push(`after kill -9 of browser mode, its broker exited in ${Date.now() - killedAt} ms (limit 5 s)`);

    const broker = spawn(
      process.execPath,
      [join(appDir, 'out/main/sandbox.js'), '--port', sbPort!, '--data-dir', join(dataDir, 'sandbox')],
      { cwd: workDir, env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      await waitForLine(broker, 'stdout', /Samsa sandbox ready on/, 30_000);
      steps.push(`a new broker starts on the same port ${sbPort} and data folder`);
    } finally {
      broker.kill('SIGTERM');
      await new Promise((r) => broker.once('exit', r));
    }
    return { steps };
  } finally {
    if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
  }
}
