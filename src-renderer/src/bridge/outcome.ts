import { AppError, isAppErrorData, type CallOutcome } from '../contract.js';

/** Turns a transport reply into the result, or throws the AppError it carries. */
export function unwrapOutcome<R>(method: string, outcome: unknown): R {
  if (isOutcome(outcome)) {
    if (outcome.ok) return outcome.result as R;
    if (isAppErrorData(outcome.error)) throw AppError.fromData(outcome.error);
  }
  throw new AppError('INTERNAL', `Samsa's backend sent an unreadable reply to "${method}".`, {
    detail: safeStringify(outcome),
  });
}

/** Anything thrown by the transport itself becomes an AppError, so the UI handles one shape. */
export function transportError(method: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isAppErrorData(err)) return AppError.fromData(err);
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('INTERNAL', `Calling "${method}" failed: ${message}`);
}

function isOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
