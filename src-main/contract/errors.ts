/**
 * Errors that cross the process boundary. Plain data ({code, message}) so they survive
 * structured clone (IPC) and JSON (WebSocket). `message` is written for a person to read.
 */
export const AppErrorCodes = [
  'VALIDATION', // input failed validation (bad field, invalid JSON value, ...)
  'UNKNOWN_METHOD',
  'CONNECTION_FAILED', // brokers unreachable, wrong bootstrap address, DNS failure
  'AUTH_FAILED', // SASL authentication rejected (credentials, mechanism)
  'TLS_FAILED', // TLS handshake failed (unknown CA, host name mismatch, client certificate missing or refused)
  'NOT_AUTHORIZED', // signed in, but the cluster's ACLs do not allow it
  'TIMEOUT',
  'NOT_FOUND', // unknown cluster profile, topic, group, ...
  'ALREADY_EXISTS',
  'MESSAGE_TOO_LARGE',
  'KAFKA_ERROR', // any other error code returned by a broker
  'SANDBOX_ERROR', // the bundled broker could not start / stop
  'PORT_IN_USE',
  'CANCELLED',
  'INTERNAL',
] as const;

export type AppErrorCode = (typeof AppErrorCodes)[number];

export interface AppErrorData {
  code: AppErrorCode;
  message: string;
  /** Technical detail (broker error name, stack-free cause) for the "details" disclosure. */
  detail?: string;
  /** For VALIDATION: which input field is wrong (dotted path), so a form can point at it. */
  field?: string;
}

/** Error class used on both sides; `toData()` is what goes over the wire. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly detail?: string;
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, opts: { detail?: string; field?: string } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.detail = opts.detail;
    this.field = opts.field;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.detail !== undefined) data.detail = this.detail;
    if (this.field !== undefined) data.field = this.field;
    return data;
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, { detail: data.detail, field: data.field });
  }
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorData).message === 'string' &&
    (AppErrorCodes as readonly string[]).includes((value as AppErrorData).code)
  );
}
