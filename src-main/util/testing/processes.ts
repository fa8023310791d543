import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

/** A pid that certainly names no process any more: a child that ran, exited and was collected. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

/**
 * A real zombie (Linux): `sh` starts a short-lived child, then becomes `sleep`, which never
 * collects it. Returns the zombie's pid and the holder to kill afterwards.
 */
export async function zombie(): Promise<{ pid: number; holder: ChildProcess }> {
  const holder = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const [chunk] = (await once(holder.stdout!, 'data')) as [Buffer];
  const pid = Number(chunk.toString().trim());
  for (let i = 0; i < 200; i++) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return { pid, holder };
    await new Promise((r) => setTimeout(r, 10));
  }
  holder.kill('SIGKILL');
  throw new Error(`process ${pid} did not become a zombie`);
}
