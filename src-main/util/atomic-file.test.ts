import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readJson, syncDir, writeFileAtomic, writeJsonAtomic } from './atomic-file.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-atomic-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tempFiles = (): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('creates and then replaces a file, leaving no temp file', () => {
    const file = path.join(dir, 'state.json');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(tempFiles()).toEqual([]);
  });

  it('fsyncs the new file and then its folder', () => {
    const synced: boolean[] = [];
    const real = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      synced.push(fs.fstatSync(fd).isDirectory());
      real(fd);
    });
    writeFileAtomic(path.join(dir, 'f'), 'x');
    expect(synced).toEqual([false, true]);
  });

  it.skipIf(process.platform === 'win32')('applies the requested mode', () => {
    const file = path.join(dir, 'secret.json');
    writeFileAtomic(file, '{}', { mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the old content and removes the temp file when the rename fails', () => {
    const file = path.join(dir, 'state.json');
    writeFileAtomic(file, 'old');
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    expect(() => writeFileAtomic(file, 'new')).toThrow('disk on fire');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(tempFiles()).toEqual([]);
  });

  it('fails when the folder does not exist', () => {
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'f'), 'x')).toThrow(/ENOENT/);
  });
});

describe('syncDir', () => {
  it('skips folders on Windows, which cannot fsync them', () => {
    vi.spyOn(process, 'platform', 'get').mockReturnValue('win32');
    const open = vi.spyOn(fs, 'openSync');
    syncDir(dir);
    expect(open).not.toHaveBeenCalled();
  });

  it('tolerates a folder it cannot open or sync', () => {
    expect(() => syncDir(path.join(dir, 'missing'))).not.toThrow();
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('EINVAL'), { code: 'EINVAL' });
    });
    expect(() => syncDir(dir)).not.toThrow();
  });
});

describe('JSON helpers', () => {
  it('writes pretty JSON with a final newline and reads it back', () => {
    const file = path.join(dir, 'meta.json');
    writeJsonAtomic(file, { a: 1 });
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n  "a": 1\n}\n');
    expect(readJson<{ a: number }>(file)).toEqual({ a: 1 });
  });

  it('reads a missing file as undefined and a corrupt one as an error', () => {
    expect(readJson(path.join(dir, 'none.json'))).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'bad.json'), '{');
    expect(() => readJson(path.join(dir, 'bad.json'))).toThrow(SyntaxError);
  });
});
