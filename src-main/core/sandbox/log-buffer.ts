import type { SandboxLogLine } from '../../contract/index.js';

/** Keeps the last `capacity` log lines of the sandbox for the Sandbox page. */
export class LogBuffer {
  private readonly lines: SandboxLogLine[] = [];
  constructor(private readonly capacity = 2000) {}

  push(line: SandboxLogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  snapshot(): SandboxLogLine[] {
    return [...this.lines];
  }
}

/** Classifies a broker log line ("WARN ...", "ERROR ...") for colouring in the UI. */
export function levelOf(text: string): SandboxLogLine['level'] {
  if (/\b(ERROR|FATAL)\b/.test(text)) return 'error';
  if (/\bWARN(ING)?\b/.test(text)) return 'warn';
  return 'info';
}
