import { promises as fs } from 'node:fs';
import { AppError, type EventSink, type SandboxLogLine, type SandboxStatus } from '../../contract/index.js';
import type { BrokerExit, BrokerLaunch, BrokerProcess } from './broker-process.js';
import { dirSize } from './dir-size.js';
import { findFreePort, isPortFree } from './free-port.js';
import { readLines } from './line-reader.js';
import { LogBuffer, parseBrokerLine } from './log-buffer.js';
import { checkStaleBroker } from './stale-broker.js';

export type { BrokerLaunch } from './broker-process.js';

export interface SandboxManagerOptions {
  dataDir: string;
  launch: BrokerLaunch;
  events: EventSink;
  host?: string;
  defaultPort?: number;
  startTimeoutMs?: number;
  /** How long a stopping broker may stay silent before it is killed (default 10 s). */
  stopTimeoutMs?: number;
  /**
   * Right after a broker of ours exited, how long a start waits for a taken port to come free
   * before it gives up (default 2 s). A port taken by someone else is refused at once.
   */
  portGraceMs?: number;
}

const READY_LINE = /^Samsa sandbox ready on (\S+):(\d+)$/;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Runs the bundled broker in its own OS process, so a broker crash never takes the window
 * (or the browser-mode host) down, and reports its state and log as events.
 *
 * A start never overlaps the broker before it: it waits until that process has exited, and
 * every start that fails says why in the log as well as in its error.
 */
export class SandboxManager {
  private child: BrokerProcess | null = null;
  /** When the broker last wrote a line (start and stop wait as long as it reports progress). */
  private lastOutputAt = 0;
  /** Settles once the last broker has exited and its exit has been recorded. */
  private lastExit: Promise<void> = Promise.resolve();
  /** When a broker of ours (or one left behind, stopped at start) last exited. */
  private lastExitAt = 0;
  private state: SandboxStatus['state'] = 'stopped';
  private port: number | null = null;
  private startedAt: number | null = null;
  private error: string | null = null;
  private suggestedPort: number | null = null;
  private lastSize = 0;
  private readonly log = new LogBuffer();
  private readonly host: string;
  private pendingStart: Promise<SandboxStatus> | null = null;
  private readonly logListeners = new Set<(line: SandboxLogLine) => void>();

  constructor(private readonly opts: SandboxManagerOptions) {
    this.host = opts.host ?? '127.0.0.1';
  }

  get bootstrap(): string | null {
    return this.state === 'running' && this.port !== null ? `${this.host}:${this.port}` : null;
  }

  async status(): Promise<SandboxStatus> {
    this.lastSize = await dirSize(this.opts.dataDir);
    return this.snapshot();
  }

  logs() {
    return this.log.snapshot();
  }

  /** Calls `listener` with every new log line until the returned function is called. */
  onLog(listener: (line: SandboxLogLine) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  start(port?: number): Promise<SandboxStatus> {
    if (this.state === 'running') return this.status();
    // Two clicks on Start (or first-run auto start racing a click) share one launch.
    this.pendingStart ??= this.launch(port ?? this.opts.defaultPort ?? 9092).finally(() => {
      this.pendingStart = null;
    });
    return this.pendingStart;
  }

  private async launch(port: number): Promise<SandboxStatus> {
    // The broker before (stopping, or killed after a failed start) must be gone before we bind.
    await this.lastExit;
    this.error = null;
    this.suggestedPort = null;
    this.port = null;
    this.setState('starting');
    this.append('info', `Starting the sandbox broker on ${this.host}:${port} (data: ${this.opts.dataDir})`);
    try {
      await fs.mkdir(this.opts.dataDir, { recursive: true });
      await this.recoverDataDir();
      await this.ensurePortFree(port);
    } catch (error) {
      throw this.startFailed(error);
    }
    return this.spawnBroker(port);
  }

  /** A broker left behind by an app that was killed holds the folder: stop it, or say who has it. */
  private async recoverDataDir(): Promise<void> {
    const found = await checkStaleBroker(this.opts.dataDir);
    if (found.kind === 'stopped') {
      this.lastExitAt = Date.now();
      this.append(
        'warn',
        `Stopped a sandbox broker (pid ${found.pid}) left running by a Samsa that was closed abruptly` +
          (found.forced ? '; it had to be killed.' : '.'),
      );
    } else if (found.kind === 'held') {
      const by = found.owner.parent ? `, started by process ${found.owner.parent.pid}` : '';
      throw new AppError(
        'SANDBOX_ERROR',
        `The sandbox data folder ${this.opts.dataDir} is in use by another sandbox broker (pid ${found.owner.pid}${by}). ` +
          'Stop that broker or close the Samsa that runs it, then start again.',
      );
    }
  }

  /** Waits briefly for a port a broker of ours may just be releasing; anyone else's is refused. */
  private async ensurePortFree(port: number): Promise<void> {
    const recent = Date.now() - this.lastExitAt < 5_000;
    const deadline = Date.now() + (recent ? (this.opts.portGraceMs ?? 2_000) : 0);
    while (!(await isPortFree(port, this.host))) {
      if (Date.now() >= deadline) throw await this.portInUse(port);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async portInUse(port: number, cause = ''): Promise<AppError> {
    this.suggestedPort = await findFreePort(port + 1, this.host);
    const message =
      `Port ${port} is already in use${cause}.` + (this.suggestedPort ? ` Port ${this.suggestedPort} is free.` : '');
    return new AppError('PORT_IN_USE', message, { detail: `suggestedPort=${this.suggestedPort ?? ''}` });
  }

  /** Every failed start ends here: state, error and one line in the log, then the error to throw. */
  private startFailed(error: unknown): AppError {
    const appError =
      error instanceof AppError
        ? error
        : new AppError('SANDBOX_ERROR', `Could not start the sandbox broker: ${(error as Error)?.message ?? error}`);
    this.error = appError.message;
    this.port = null;
    this.append('error', `Start failed: ${appError.message}`);
    this.setState('failed');
    return appError;
  }

  private spawnBroker(port: number): Promise<SandboxStatus> {
    const args = ['--host', this.host, '--port', String(port), '--data-dir', this.opts.dataDir];
    const proc = this.opts.launch.start([...args, '--parent-pid', String(process.pid)]);
    this.child = proc;
    let lastProblem = '';
    const outputDone = Promise.all([
      readLines(proc.stdout, (raw) => onLine(raw, 'stdout')),
      readLines(proc.stderr, (raw) => onLine(raw, 'stderr')),
    ]);
    let onReady: (() => void) | null = null;
    /** Restarts the start timeout: a broker that still logs (loading a large folder) is not stuck. */
    let alive = () => {};
    const onLine = (raw: string, stream: 'stdout' | 'stderr') => {
      this.lastOutputAt = Date.now();
      alive();
      const m = stream === 'stdout' ? READY_LINE.exec(raw) : null;
      if (m && onReady) {
        this.port = Number(m[2]);
        this.append('info', raw);
        onReady();
        return;
      }
      const line = parseBrokerLine(raw, stream);
      // The reason a start fails: its last error line, else the first plain line on stderr (a
      // usage message, a Node crash), which the broker's own timestamped lines never are.
      const plain = line.text === raw;
      if (line.level === 'error' || (stream === 'stderr' && plain && !lastProblem)) lastProblem = line.text;
      this.appendLine(line);
    };

    let recorded!: () => void;
    this.lastExit = new Promise<void>((r) => (recorded = r));

    return new Promise<SandboxStatus>((resolve, reject) => {
      let settled = false;
      const quietMs = this.opts.startTimeoutMs ?? 20_000;
      const giveUp = () => {
        if (settled) return;
        settled = true;
        proc.kill(); // the next start waits for its exit
        reject(
          this.startFailed(
            new AppError(
              'SANDBOX_ERROR',
              `The sandbox broker did not become ready in time (nothing from it for ${quietMs / 1000} s).`,
            ),
          ),
        );
      };
      let timer = setTimeout(giveUp, quietMs);
      alive = () => {
        if (settled) return;
        clearTimeout(timer);
        timer = setTimeout(giveUp, quietMs);
      };
      onReady = () => {
        onReady = null;
        settled = true;
        clearTimeout(timer);
        this.startedAt = Date.now();
        this.setState('running');
        void this.status().then(resolve);
      };

      void proc.exited.then(async (exit) => {
        clearTimeout(timer);
        onReady = null;
        // Its last lines (the reason it stopped) may still be in the pipes.
        await Promise.race([outputDone, new Promise((r) => setTimeout(r, 500))]);
        if (this.child === proc) this.child = null;
        this.lastExitAt = Date.now();
        try {
          if (!settled) {
            settled = true;
            if (this.state === 'stopping') {
              this.append('info', 'Sandbox broker stopped before it was ready');
              this.setState('stopped');
              reject(new AppError('CANCELLED', 'The sandbox was stopped before it was ready.'));
            } else {
              reject(this.startFailed(await this.earlyExitError(port, exit, lastProblem)));
            }
          } else if (this.state === 'stopping') {
            this.append('info', 'Sandbox broker stopped');
            this.port = null;
            this.startedAt = null;
            this.setState('stopped');
          } else if (this.state === 'running') {
            this.error = `The sandbox broker stopped unexpectedly (${describeExit(exit)}).`;
            this.append('error', this.error);
            this.port = null;
            this.setState('failed');
          }
        } finally {
          recorded();
        }
      });
    });
  }

  /** Why a broker that exited before it was ready did so, in the user's words. */
  private async earlyExitError(port: number, exit: BrokerExit, lastProblem: string): Promise<AppError> {
    if (exit.error) return new AppError('SANDBOX_ERROR', `Could not run the sandbox broker: ${exit.error}`);
    const said = lastProblem.replace(/^Samsa sandbox: /, '');
    // Exit codes of the broker CLI: 2 port in use (or bad arguments), 3 data folder in use.
    if (exit.code === 2 && /already in use/.test(said)) return this.portInUse(port, ' (the broker could not bind it)');
    if (exit.code === 3) {
      return new AppError('SANDBOX_ERROR', `The sandbox data folder is in use: ${said}. Stop that broker first.`);
    }
    const reason = said ? `: ${said}` : '. See the log above.';
    return new AppError('SANDBOX_ERROR', `The sandbox broker exited during start-up (${describeExit(exit)})${reason}`);
  }

  async stop(): Promise<SandboxStatus> {
    // A start still checking its port has no process yet: let it finish, then stop what it began.
    if (!this.child && this.pendingStart) await this.pendingStart.catch(() => undefined);
    const child = this.child;
    if (!child) {
      await this.lastExit;
      if (this.state !== 'failed') this.setState('stopped');
      return this.status();
    }
    this.setState('stopping');
    const askedAt = Date.now();
    child.terminate();
    // A broker closing many partitions says how far it got: only silence that long makes us kill it.
    const limitMs = this.opts.stopTimeoutMs ?? STOP_TIMEOUT_MS;
    let gone = false;
    void child.exited.then(() => (gone = true));
    while (!gone) {
      const quietFor = Date.now() - Math.max(askedAt, this.lastOutputAt);
      if (quietFor >= limitMs) {
        this.append('warn', `Sandbox broker did not stop: nothing from it for ${limitMs / 1000} s; killing it`);
        child.kill();
        break;
      }
      const tick = new Promise((r) => setTimeout(r, Math.min(250, limitMs - quietFor)).unref());
      await Promise.race([child.exited, tick]);
    }
    // Returns only once the process is gone and its exit recorded: a Start right after is safe.
    await this.lastExit;
    return this.status();
  }

  async reset(): Promise<SandboxStatus> {
    await this.stop();
    await fs.rm(this.opts.dataDir, { recursive: true, force: true });
    this.error = null;
    this.append('info', 'Sandbox data deleted');
    this.setState('stopped');
    return this.status();
  }

  private snapshot(): SandboxStatus {
    return {
      state: this.state,
      host: this.host,
      port: this.port,
      dataDir: this.opts.dataDir,
      dataSizeBytes: this.lastSize,
      pid: this.child?.pid ?? null,
      startedAt: this.startedAt,
      error: this.error,
      suggestedPort: this.suggestedPort,
    };
  }

  private setState(state: SandboxStatus['state']): void {
    this.state = state;
    this.opts.events.emit('sandbox.status', this.snapshot());
  }

  private append(level: SandboxLogLine['level'], text: string): void {
    this.appendLine({ time: Date.now(), level, text });
  }

  private appendLine(line: SandboxLogLine): void {
    this.log.push(line);
    for (const l of this.logListeners) l(line);
  }
}

function describeExit(exit: BrokerExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}
