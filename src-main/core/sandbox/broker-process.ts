import type { Readable } from 'node:stream';

/** What the sandbox manager needs from a running broker, whichever way it was started. */
export interface BrokerProcess {
  /** Known once the OS has created the process. */
  readonly pid: number | undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once, when the process has exited (or could not be started at all). */
  readonly exited: Promise<BrokerExit>;
  /** Asks for a clean stop: the broker closes its connections, flushes and releases its lock. */
  terminate(): void;
  /** Ends the process at once (the next start recovers its lock). */
  kill(): void;
}

export interface BrokerExit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started (e.g. the program was not found). */
  error?: string;
}

/**
 * How to start the broker's command line: a Node child process in browser mode and tests, an
 * Electron utility process in the desktop app. Either way the broker is told the pid of the
 * process that started it (`--parent-pid`) and stops by itself when that process is gone.
 */
export interface BrokerLaunch {
  /** For the log: "Node child process", "Electron utility process". */
  readonly kind: string;
  start(args: string[]): BrokerProcess;
}
