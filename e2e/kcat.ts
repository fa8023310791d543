import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** kcat (librdkafka) is our second, independent real client in e2e tests. */
export async function kcatProduce(
  bootstrap: string,
  topic: string,
  opts: { key: string; value: string; headers?: Record<string, string> },
) {
  const args = ['-b', bootstrap, '-P', '-t', topic, '-k', opts.key];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  const child = run('kcat', args, { timeout: 30_000 });
  child.child.stdin!.end(opts.value);
  await child;
}

/** Reads a whole topic from the beginning: one `key<TAB>value` line per record. */
export async function kcatConsumeAll(bootstrap: string, topic: string): Promise<string[]> {
  const { stdout } = await run(
    'kcat',
    ['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\t%s\n'],
    {
      timeout: 30_000,
    },
  );
  return stdout.split('\n').filter(Boolean);
}
