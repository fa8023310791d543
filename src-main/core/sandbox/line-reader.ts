import type { Readable } from 'node:stream';

/**
 * Calls `onLine` for every complete line of a child's output stream. Resolves when the stream
 * has ended, so a caller can wait for the last words of a process that has exited.
 */
export function readLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (line) onLine(line);
    }
    // A runaway line without newline must not grow memory forever.
    if (pending.length > 64 * 1024) {
      onLine(pending);
      pending = '';
    }
  });
  return new Promise((resolve) => {
    const done = () => {
      if (pending) onLine(pending);
      pending = '';
      resolve();
    };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
}
