import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilePool } from './file-pool.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-file-pool-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('FilePool', () => {
  it('keeps at most its budget open and reopens evicted files transparently', () => {
    const dir = tmp();
    const pool = new FilePool(3);
    const files = Array.from({ length: 10 }, (_, i) => pool.file(path.join(dir, `f${i}`)));
    files.forEach((f, i) => fs.writeSync(f.fd, Buffer.from(`file ${i}`), 0, undefined, 0));
    expect(pool.openCount).toBe(3);
    // Every file still reads its own bytes, whichever descriptor it gets.
    files.forEach((f, i) => {
      const buf = Buffer.alloc(16);
      const n = fs.readSync(f.fd, buf, 0, 16, 0);
      expect(buf.subarray(0, n).toString()).toBe(`file ${i}`);
    });
    expect(pool.openCount).toBe(3);
  });

  it('evicts the least recently used file', () => {
    const dir = tmp();
    const pool = new FilePool(2);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => pool.file(path.join(dir, n)));
    const fdA = a!.fd;
    void b!.fd;
    expect(a!.fd).toBe(fdA); // a used again: b is now the oldest
    void c!.fd;
    expect(a!.fd).toBe(fdA);
    expect(pool.openCount).toBe(2);
  });

  it('refuses use after close, and never recreates a file removed behind its back', () => {
    const dir = tmp();
    const pool = new FilePool(1);
    const a = pool.file(path.join(dir, 'a'));
    const b = pool.file(path.join(dir, 'b'));
    void a.fd;
    void b.fd; // a evicted
    fs.rmSync(path.join(dir, 'a'));
    expect(() => a.fd).toThrow(/ENOENT/);
    expect(fs.existsSync(path.join(dir, 'a'))).toBe(false);
    b.close();
    expect(() => b.fd).toThrow(/closed/);
    expect(pool.openCount).toBe(0);
  });
});
