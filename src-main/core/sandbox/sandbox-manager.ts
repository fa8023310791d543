import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { AppError, type EventSink, type SandboxLogLine, type SandboxStatus } from '../../contract/index.js';
import { dirSize } from './dir-size.js';
import { findFreePort, isPortFree } from './free-port.js';
import { levelOf, LogBuffer } from './log-buffer.js';
import { readLines } from './line-reader.js';

/** How to run the broker's command-line entry (bundled JS in the app, tsx in tests). */
export interface BrokerLaunch {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

export interface SandboxManagerOptions {
  dataDir: string;
  launch: BrokerLaunch;
  events: EventSink;
  host?: string;
  defaultPort?: number;
  startTimeoutMs?: number;
}

const READY_LINE = /^Samsa sandbox ready on (\S+):(\d+)$/;

/**
 * Runs the bundled broker in its own OS process, so a broker crash never takes the window
 * (or the browser-mode host) down, and reports its state and log as events.
 */
export class SandboxManager {
  private child: ChildProcess | null = null;
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
    if (!(await isPortFree(port, this.host))) {
      this.suggestedPort = await findFreePort(port + 1, this.host);
      this.error =
        `Port ${port} is already in use.` + (this.suggestedPort ? ` Port ${this.suggestedPort} is free.` : '');
      this.setState('failed');
      throw new AppError('PORT_IN_USE', this.error, { detail: `suggestedPort=${this.suggestedPort ?? ''}` });
    }
    await fs.mkdir(this.opts.dataDir, { recursive: true });
    this.error = null;
    this.suggestedPort = null;
    this.setState('starting');
    this.append('info', `Starting sandbox broker on ${this.host}:${port} (data: ${this.opts.dataDir})`);

    const child = spawn(
      this.opts.launch.command,
      [...this.opts.launch.args, '--host', this.host, '--port', String(port), '--data-dir', this.opts.dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.opts.launch.env } },
    );
    this.child = child;

    return new Promise<SandboxStatus>((resolve, reject) => {
      let settled = false;
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.error = message;
        this.setState('failed');
        child.kill('SIGKILL');
        reject(new AppError('SANDBOX_ERROR', message));
      };
      const timer = setTimeout(
        () => fail('The sandbox broker did not become ready in time. See its log for details.'),
        this.opts.startTimeoutMs ?? 20_000,
      );
      readLines(child.stdout!, (line) => {
        const m = READY_LINE.exec(line);
        if (m && !settled) {
          settled = true;
          clearTimeout(timer);
          this.port = Number(m[2]);
          this.startedAt = Date.now();
          this.append('info', line);
          this.setState('running');
          void this.status().then(resolve);
          return;
        }
        this.append(levelOf(line), line);
      });
      readLines(child.stderr!, (line) => this.append(levelOf(line), line));
      child.once('error', (err) => fail(`Could not start the sandbox broker: ${err.message}`));
      child.once('exit', (code, signal) => {
        this.child = null;
        if (!settled) {
          fail(`The sandbox broker exited during start-up (${signal ?? `exit code ${code}`}). See its log.`);
          return;
        }
        if (this.state === 'stopping') {
          this.append('info', 'Sandbox broker stopped');
          this.port = null;
          this.startedAt = null;
          this.setState('stopped');
        } else {
          this.error = `The sandbox broker stopped unexpectedly (${signal ?? `exit code ${code}`}).`;
          this.append('error', this.error);
          this.port = null;
          this.setState('failed');
        }
      });
    });
  }

  async stop(): Promise<SandboxStatus> {
    const child = this.child;
    if (!child) {
      if (this.state !== 'failed') this.setState('stopped');
      return this.status();
    }
    this.setState('stopping');
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      this.append('warn', 'Sandbox broker did not stop within 10 s; killing it');
      child.kill('SIGKILL');
      await exited;
    }
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

  private append(level: 'info' | 'warn' | 'error', text: string): void {
    const line = { time: Date.now(), level, text };
    this.log.push(line);
    for (const l of this.logListeners) l(line);
  }
}
