import type { z } from 'zod';
import { AppError, methods, type ApiImplementation, type CallOutcome, type MethodName } from '../contract/index.js';

export type Dispatch = (method: unknown, params: unknown) => Promise<CallOutcome>;

export interface DispatcherOptions {
  /** Called for errors that are not AppErrors: bugs, which the user sees as INTERNAL. */
  onUnexpectedError?: (method: string, error: unknown) => void;
}

function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(methods, value);
}

/** Turns a zod failure into one sentence a person can act on, pointing at the field. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'Invalid input';
  return new AppError('VALIDATION', message, { field });
}

/** Maps anything thrown by the implementation to wire-safe error data. */
export function toErrorData(error: unknown, method: string, opts: DispatcherOptions): CallOutcome {
  if (error instanceof AppError) return { ok: false, error: error.toData() };
  opts.onUnexpectedError?.(method, error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: 'INTERNAL', message: `Something went wrong in ${method}: ${message}` },
  };
}

/**
 * The single entry point every transport calls: checks the method exists, validates the params
 * against the contract's schema, runs the implementation and never throws.
 */
export function createDispatcher(impl: ApiImplementation, opts: DispatcherOptions = {}): Dispatch {
  return async (method, params) => {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 100)}` },
      };
    }
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };
    try {
      const handler = impl[method] as (p: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      return { ok: true, result };
    } catch (error) {
      return toErrorData(error, method, opts);
    }
  };
}
