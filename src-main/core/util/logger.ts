/** Where core diagnostics go; the host decides (console, a log file, nothing). */
export interface CoreLogger {
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
  info?(message: string, extra?: Record<string, unknown>): void;
  debug?(message: string, extra?: Record<string, unknown>): void;
}

export const silentLogger: CoreLogger = { warn: () => {}, error: () => {} };
