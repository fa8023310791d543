/** kcat (librdkafka) as the reference client: timed runs of the same reads and writes. */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';

export interface Timed {
  ms: number;
  stdout: string;
}

/** Runs a shell pipeline (kcat … | grep …) and times it from spawn to exit. */
export function timedShell(command: string, input?: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('sh', ['-c', command], { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    if (input) createReadStream(input).pipe(child.stdin!);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${command} exited with ${code}: ${stderr}`));
      else resolve({ ms, stdout });
    });
  });
}
