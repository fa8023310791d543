/**
 * Command line for the sandbox broker:
 *   samsa-broker --port 9092 --data-dir ./.sandbox [--host 127.0.0.1] [--advertised-host H]
 *                [--partitions N] [--no-auto-create] [--ipc] [--parent-pid PID] [--verbose]
 * Prints "Samsa sandbox ready on HOST:PORT" once accepting connections; logs go to stderr.
 * Started by the app, it stops by itself when the app is gone: `--ipc` watches the IPC channel
 * of a Node parent (closed by the kernel however the parent ends), `--parent-pid` polls the
 * parent process (all an Electron utility process has), a zombie counting as gone.
 * Exit codes: 0 clean stop, 1 unexpected failure, 2 port in use or bad arguments, 3 data dir in use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrokerStartError, startBroker, type BrokerOptions } from './broker.js';
import type { LogLevel } from './apis/context.js';
import { isProcessGone, watchProcess } from '../util/process-state.js';

export interface CliArgs {
  options: BrokerOptions;
  ipc: boolean;
  /** Stop when this process is gone (the app that started the broker). */
  parentPid: number | null;
  verbose: boolean;
}

export class UsageError extends Error {}

export const USAGE =
  'usage: samsa-broker --data-dir DIR [--port 9092] [--host 127.0.0.1] [--advertised-host HOST] [--partitions N] [--no-auto-create] [--ipc] [--parent-pid PID] [--verbose]';

function intArg(name: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} needs an integer between ${min} and ${max}`);
  return n;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const options: BrokerOptions = { dataDir: '', port: 9092 };
  let ipc = false;
  let parentPid: number | null = null;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
        : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port':
        options.port = intArg('--port', value(), 0, 65535);
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--host':
        options.host = value();
        break;
      case '--advertised-host':
        options.advertisedHost = value();
        break;
      case '--partitions':
        options.defaultPartitions = intArg('--partitions', value(), 1, 10_000);
        break;
      case '--no-auto-create':
        options.autoCreateTopics = false;
        break;
      case '--ipc':
        ipc = true;
        break;
      case '--parent-pid':
        parentPid = intArg('--parent-pid', value(), 1, 2 ** 31 - 1);
        break;
      case '--verbose':
        verbose = true;
        break;
      default:
        throw new UsageError(`unknown argument: ${argv[i]}`);
    }
  }
  if (!options.dataDir) throw new UsageError('--data-dir is required');
  return { options, ipc, parentPid, verbose };
}

type Send = (msg: unknown) => void;

/** Runs the broker until SIGINT/SIGTERM (or the parent disconnects in --ipc mode). Resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  // Once the app is gone nobody reads our output: a write to a closed pipe must not crash the
  // broker before it has released its data folder.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const send: Send | null =
    args.ipc && typeof process.send === 'function'
      ? (m) => {
          if (process.connected) process.send!(m, undefined, undefined, () => undefined);
        }
      : null;
  const logger = (level: LogLevel, text: string) => {
    if (level === 'debug' && !args.verbose) return;
    process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase()} ${text.replaceAll('\n', ' | ')}\n`);
    send?.({ type: 'log', level, text });
  };

  let broker;
  try {
    broker = await startBroker({ ...args.options, logger, parentPid: args.parentPid ?? undefined });
  } catch (e) {
    const msg = e instanceof BrokerStartError ? e.message : `failed to start: ${(e as Error).message}`;
    process.stderr.write(`Samsa sandbox: ${msg}\n`);
    send?.({ type: 'error', code: e instanceof BrokerStartError ? e.code : 'OTHER', message: msg });
    if (e instanceof BrokerStartError)
      return e.code === 'EADDRINUSE' || e.code === 'EACCES' ? 2 : e.code === 'LOCKED' ? 3 : 1;
    return 1;
  }

  // Handlers go in before the ready line: a parent may signal the moment it reads it, and a
  // SIGTERM with no handler installed yet would kill the process without a clean stop.
  const stopRequested = new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (sig: string) => {
      if (stopping) return;
      stopping = true;
      logger('info', `${sig}, stopping`);
      resolve();
    };
    process.once('SIGINT', () => onSignal('SIGINT received'));
    process.once('SIGTERM', () => onSignal('SIGTERM received'));
    if (send) {
      process.once('disconnect', () => onSignal('parent disconnected'));
      // The parent may have gone while the broker was starting, before anyone listened.
      if (!process.connected) onSignal('parent disconnected');
    }
    if (args.parentPid !== null) {
      if (isProcessGone(args.parentPid)) onSignal('parent process exited');
      else watchProcess(args.parentPid, () => onSignal('parent process exited'));
    }
  });
  process.stdout.write(`Samsa sandbox ready on ${broker.host}:${broker.port}\n`);
  send?.({ type: 'ready', port: broker.port, host: broker.host, clusterId: broker.clusterId });

  await stopRequested;
  // A stop that hangs (a stuck disk) must not leave a broker nobody can see running forever.
  setTimeout(() => process.exit(1), 10_000).unref();
  await broker.stop();
  return 0;
}

/** True when this file is the program node was asked to run (also when bundled as its own file). */
export function isMainModule(metaUrl: string, argv1: string | undefined): boolean {
  if (!argv1) return false;
  const self = fileURLToPath(metaUrl);
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const target = real(argv1);
  const me = real(self);
  return target === me || target.replace(/\.[cm]?[jt]s$/, '') === me.replace(/\.[cm]?[jt]s$/, '');
}

if (isMainModule(import.meta.url, process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`Samsa sandbox: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
