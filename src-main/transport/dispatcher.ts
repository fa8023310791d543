import type { z } from 'zod';
import {
  AppError,
  methods,
  subscriptions,
  type ApiImplementation,
  type AppErrorData,
  type CallContext,
  type CallOutcome,
  type SubscriptionContext,
} from '../contract/index.js';
import { SubscriptionBuffer } from './subscription-buffer.js';

/** Where the items of one running subscription go; each transport provides one per subscriber. */
export interface SubscriptionSink {
  /** A batch of items, in order. */
  items(items: unknown[]): void;
  /** The stream is over: by itself (no error) or with an error. Called once; nothing follows. */
  end(error?: AppErrorData): void;
  /** Resolves when the transport can take more (e.g. the WebSocket's send buffer drained). */
  writable(): Promise<void>;
}

export type SubscribeOutcome = { ok: true; stop(): void } | { ok: false; error: AppErrorData };

/**
 * The single entry point every transport calls. It checks that a method or subscription exists,
 * validates its params against the contract's schema, runs the implementation and never throws.
 */
export interface Dispatcher {
  call(method: unknown, params: unknown, signal?: AbortSignal): Promise<CallOutcome>;
  subscribe(name: unknown, params: unknown, sink: SubscriptionSink): SubscribeOutcome;
}

export interface DispatcherOptions {
  /** Called for errors that are not AppErrors: bugs, which the user sees as INTERNAL. */
  onUnexpectedError?: (name: string, error: unknown) => void;
}

function isKeyOf<T extends object>(table: T, value: unknown): value is keyof T & string {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value);
}

/** Turns a zod failure into one sentence a person can act on, pointing at the field. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'Invalid input';
  return new AppError('VALIDATION', message, { field });
}

/** Maps anything thrown by the implementation to wire-safe error data. */
function errorData(error: unknown, name: string, opts: DispatcherOptions): AppErrorData {
  if (error instanceof AppError) return error.toData();
  opts.onUnexpectedError?.(name, error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Something went wrong in ${name}: ${message}` };
}

const CANCELLED: AppErrorData = { code: 'CANCELLED', message: 'Cancelled.' };

export function createDispatcher(impl: ApiImplementation, opts: DispatcherOptions = {}): Dispatcher {
  const handlers = impl as unknown as Record<string, (params: unknown, ctx: unknown) => Promise<unknown>>;
  return {
    async call(method, params, signal) {
      if (!isKeyOf(methods, method)) {
        return {
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 100)}` },
        };
      }
      const parsed = methods[method].params.safeParse(params ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };
      const ctx: CallContext = { signal: signal ?? new AbortController().signal };
      if (ctx.signal.aborted) return { ok: false, error: CANCELLED };
      try {
        return { ok: true, result: await handlers[method](parsed.data, ctx) };
      } catch (error) {
        // Whatever a cancelled call threw, the caller asked for it to stop: say so plainly.
        if (ctx.signal.aborted) return { ok: false, error: CANCELLED };
        return { ok: false, error: errorData(error, method, opts) };
      }
    },

    subscribe(name, params, sink) {
      if (!isKeyOf(subscriptions, name)) {
        return {
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `Unknown subscription: ${String(name).slice(0, 100)}` },
        };
      }
      const spec = (subscriptions as Record<string, { params: z.ZodType }>)[name];
      const parsed = spec.params.safeParse(params ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };

      const abort = new AbortController();
      const buffer = new SubscriptionBuffer(sink);
      let ended = false;
      const end = (error?: AppErrorData) => {
        if (ended) return;
        ended = true;
        buffer.flush();
        sink.end(error);
      };
      const ctx: SubscriptionContext<unknown> = {
        signal: abort.signal,
        emit: (item) => {
          if (!ended && !abort.signal.aborted) buffer.push(item);
        },
        whenWritable: () => buffer.whenWritable(),
      };
      void (async () => {
        try {
          await handlers[name](parsed.data, ctx);
          end();
        } catch (error) {
          end(abort.signal.aborted ? undefined : errorData(error, name, opts));
        }
      })();
      return {
        ok: true,
        stop() {
          abort.abort();
          // The subscriber asked to stop: it expects nothing more, not even the end.
          ended = true;
          buffer.discard();
        },
      };
    },
  };
}
