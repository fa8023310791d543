import type { z } from 'zod';

/**
 * How the contract declares its API. A method is one request and one answer; a subscription is a
 * stream of items that the caller starts with parameters and stops when it no longer wants them.
 * Params are zod schemas, checked at the process boundary; results and items are phantom types,
 * for the compiler only.
 */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R = unknown> {
  readonly kind: 'method';
  readonly params: P;
  /** Phantom: never set at run time. */
  readonly result: R;
}

export interface SubscriptionSpec<P extends z.ZodType = z.ZodType, T = unknown> {
  readonly kind: 'subscription';
  readonly params: P;
  /** Phantom: never set at run time. */
  readonly item: T;
}

/** `method(schema).returns<Result>()` */
export function method<P extends z.ZodType>(params: P) {
  return {
    returns: <R>(): MethodSpec<P, R> => ({ kind: 'method', params, result: undefined as R }),
  };
}

/** `subscription(schema).emits<Item>()` */
export function subscription<P extends z.ZodType>(params: P) {
  return {
    emits: <T>(): SubscriptionSpec<P, T> => ({ kind: 'subscription', params, item: undefined as T }),
  };
}

export type MethodTable = Record<string, MethodSpec>;
export type SubscriptionTable = Record<string, SubscriptionSpec>;

/** Passed to every implementation of a method: aborted when the caller cancels or goes away. */
export interface CallContext {
  readonly signal: AbortSignal;
}

/**
 * Passed to every implementation of a subscription. `emit` queues one item for the caller;
 * `whenWritable` resolves once the transport has room again, so a fast producer of items (a live
 * tail, a scan) slows down instead of filling memory.
 */
export interface SubscriptionContext<T> {
  readonly signal: AbortSignal;
  emit(item: T): void;
  whenWritable(): Promise<void>;
}

/** The implementation of a table of methods: one async function per method. */
export type MethodsImplementation<M extends MethodTable> = {
  [K in keyof M]: (params: z.output<M[K]['params']>, ctx: CallContext) => Promise<M[K]['result']>;
};

/**
 * The implementation of a table of subscriptions: runs until `ctx.signal` aborts (the caller
 * unsubscribed) or it returns (the stream ended); a thrown error ends the stream with that error.
 */
export type SubscriptionsImplementation<S extends SubscriptionTable> = {
  [K in keyof S]: (params: z.output<S[K]['params']>, ctx: SubscriptionContext<S[K]['item']>) => Promise<void>;
};
