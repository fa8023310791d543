import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMainModule, parseArgs, UsageError } from './cli.js';

describe('cli arguments', () => {
  it('parses every option', () => {
    const a = parseArgs([
      '--port',
      '9093',
      '--data-dir',
      './d',
      '--host',
      '0.0.0.0',
      '--advertised-host',
      'box',
      '--partitions=3',
      '--no-auto-create',
      '--ipc',
    ]);
    expect(a.options).toMatchObject({
      port: 9093,
      dataDir: './d',
      host: '0.0.0.0',
      advertisedHost: 'box',
      defaultPartitions: 3,
      autoCreateTopics: false,
    });
    expect(a.ipc).toBe(true);
  });
  it('defaults the port and requires a data dir', () => {
    expect(parseArgs(['--data-dir', 'x']).options.port).toBe(9092);
    expect(() => parseArgs([])).toThrow(UsageError);
    expect(() => parseArgs(['--data-dir', 'x', '--port', 'abc'])).toThrow(UsageError);
    expect(() => parseArgs(['--data-dir', 'x', '--bogus'])).toThrow(UsageError);
    expect(() => parseArgs(['--data-dir'])).toThrow(UsageError);
  });
  it('takes the pid of the process to outlive no longer (--parent-pid)', () => {
    expect(parseArgs(['--data-dir', 'x']).parentPid).toBeNull();
    expect(parseArgs(['--data-dir', 'x', '--parent-pid', '4242']).parentPid).toBe(4242);
    expect(() => parseArgs(['--data-dir', 'x', '--parent-pid', '0'])).toThrow(UsageError);
    expect(() => parseArgs(['--data-dir', 'x', '--parent-pid', 'me'])).toThrow(UsageError);
  });
  it('recognises itself as the main module with or without an extension', () => {
    const file = path.resolve('src-main/broker/cli.ts');
    const url = pathToFileURL(file).href;
    expect(isMainModule(url, file)).toBe(true);
    expect(isMainModule(url, file.replace(/\.ts$/, ''))).toBe(true);
    expect(isMainModule(url, path.resolve('other.js'))).toBe(false);
    expect(isMainModule(url, undefined)).toBe(false);
  });
});
