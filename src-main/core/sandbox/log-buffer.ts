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

/** Classifies a line that carries no level of its own ("WARN ...", "ERROR ...") for colouring. */
export function levelOf(text: string): SandboxLogLine['level'] {
  if (/\b(ERROR|FATAL)\b/.test(text)) return 'error';
  if (/\bWARN(ING)?\b/.test(text)) return 'warn';
  return 'info';
}

// The broker CLI's own format: "2026-05-04T05:41:20.123Z INFO text".
const BROKER_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (DEBUG|INFO|WARN|ERROR) (.*)$/s;

/**
 * One line the broker wrote, as the log shows it: the broker's own time and level become the
 * line's time and level, so the page does not repeat them inside the text. Lines in any other
 * form (start-up failures, a Node crash) keep the time they arrived and a level read from the
 * text; on stderr such a line is a problem.
 */
export function parseBrokerLine(raw: string, stream: 'stdout' | 'stderr', now = Date.now()): SandboxLogLine {
  const m = BROKER_LINE.exec(raw);
  if (m) {
    const time = Date.parse(m[1]!);
    const level = m[2] === 'ERROR' ? 'error' : m[2] === 'WARN' ? 'warn' : 'info';
    return { time: Number.isFinite(time) ? time : now, level, text: m[3]! };
  }
  const guessed = levelOf(raw);
  const level = stream === 'stderr' && guessed === 'info' && /^Samsa sandbox: /.test(raw) ? 'error' : guessed;
  return { time: now, level, text: raw };
}
