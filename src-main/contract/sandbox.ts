export type SandboxState = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';

export interface SandboxStatus {
  state: SandboxState;
  host: string;
  port: number | null;
  dataDir: string;
  dataSizeBytes: number;
  pid: number | null;
  startedAt: number | null;
  /** Set when state is 'failed' or a start was refused. */
  error: string | null;
  /** When the chosen port was taken: a free one the user may pick instead. */
  suggestedPort: number | null;
}

export interface SandboxLogLine {
  time: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}
