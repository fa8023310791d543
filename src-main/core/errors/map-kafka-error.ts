/**
 * Turns whatever kafkajs (or Node's socket layer) throws into an AppError whose message a person
 * can act on. The technical chain goes into `detail` for the "details" disclosure.
 */
import { AppError, type AppErrorCode } from '../../contract/errors.js';
import {
  AUTHORIZATION_TYPES,
  authorizationProblem,
  brokerOf,
  connectionProblem,
  type SecurityContext,
} from './connection-errors.js';

export type { SecurityContext } from './connection-errors.js';

export interface ErrorContext {
  /** Bootstrap servers of the connection in use, for "Could not reach ..." messages. */
  brokers?: string[];
  topic?: string;
  partition?: number;
  /** How the connection was set up (TLS, client certificate, SASL): decides the advice. */
  security?: SecurityContext;
  /** While opening a connection: a broker closing it then says something about TLS/SASL settings. */
  connecting?: boolean;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string | number;
  type?: string;
  broker?: string;
  cause?: unknown;
  errors?: unknown[];
  originalError?: unknown;
}

/** The error and everything it wraps (cause chains, aggregate lists), outermost first. */
export function errorChain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown, depth: number) => {
    if (!x || typeof x !== 'object' || seen.has(x) || depth > 8) return;
    seen.add(x);
    const el = x as ErrorLike;
    out.push(el);
    visit(el.cause, depth + 1);
    visit(el.originalError, depth + 1);
    if (Array.isArray(el.errors)) for (const inner of el.errors) visit(inner, depth + 1);
  };
  visit(e, 0);
  return out;
}

function describeChain(chain: ErrorLike[]): string {
  return chain
    .map(
      (c) =>
        `${c.name ?? 'Error'}${c.type ? ` [${c.type}]` : ''}${c.code !== undefined && !c.type ? ` (${String(c.code)})` : ''}: ${c.message ?? ''}`,
    )
    .join(' <- ');
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

function where(ctx: ErrorContext, chain: ErrorLike[]): string {
  if (ctx.brokers && ctx.brokers.length > 0) return ctx.brokers.join(', ');
  return brokerOf(chain, undefined);
}

function topicName(ctx: ErrorContext): string {
  return ctx.topic !== undefined ? `Topic "${ctx.topic}"` : 'The topic';
}

function fromProtocolType(type: string, raw: string, ctx: ErrorContext): [AppErrorCode, string] {
  switch (type) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return [
        'NOT_FOUND',
        ctx.partition !== undefined && ctx.topic !== undefined
          ? `Partition ${ctx.partition} of topic "${ctx.topic}" does not exist.`
          : `${topicName(ctx)} does not exist.`,
      ];
    case 'UNKNOWN_TOPIC_ID':
      return ['NOT_FOUND', `${topicName(ctx)} does not exist.`];
    case 'TOPIC_ALREADY_EXISTS':
      return ['ALREADY_EXISTS', `${topicName(ctx)} already exists.`];
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
      return ['MESSAGE_TOO_LARGE', 'The record is larger than the broker accepts (max.message.bytes).'];
    case 'REQUEST_TIMED_OUT':
      return [
        'TIMEOUT',
        'The broker did not finish the request in time. Try again; if it keeps happening the cluster may be overloaded.',
      ];
    case 'INVALID_TOPIC_EXCEPTION':
      return ['VALIDATION', `${topicName(ctx)} is not a valid topic name.`];
    case 'INVALID_PARTITIONS':
    case 'INVALID_REPLICATION_FACTOR':
    case 'INVALID_REPLICA_ASSIGNMENT':
    case 'INVALID_CONFIG':
    case 'INVALID_REQUEST':
      return ['VALIDATION', `The broker rejected the request as invalid: ${raw}`];
    case 'GROUP_ID_NOT_FOUND':
      return ['NOT_FOUND', 'The consumer group does not exist.'];
    case 'LEADER_NOT_AVAILABLE':
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'NOT_LEADER_FOR_PARTITION':
      return [
        'KAFKA_ERROR',
        'The partition has no available leader right now (the cluster may be electing one). Try again in a moment.',
      ];
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
      return ['KAFKA_ERROR', 'Not enough in-sync replicas are available to accept the write (min.insync.replicas).'];
    case 'POLICY_VIOLATION':
      return ['VALIDATION', `The cluster's policy rejected the request: ${raw}`];
    default:
      return ['KAFKA_ERROR', `The broker answered with ${type}: ${raw}`];
  }
}

/** A broker's "not allowed" (an ACL is missing), anywhere in the chain. */
export function isAuthorizationError(e: unknown): boolean {
  return errorChain(e).some((c) => typeof c.type === 'string' && c.type in AUTHORIZATION_TYPES);
}

export function mapKafkaError(e: unknown, ctx: ErrorContext = {}): AppError {
  if (e instanceof AppError) return e;
  const chain = errorChain(e);
  if (chain.length === 0) return new AppError('INTERNAL', `Unexpected error: ${String(e)}`);
  const detail = describeChain(chain);
  const make = (code: AppErrorCode, message: string) => new AppError(code, message, { detail });

  // An AppError wrapped by a retrier keeps its own wording.
  const inner = chain.find((c): c is AppError => c instanceof AppError);
  if (inner) return inner;

  // Unreachable, TLS and SASL problems, worded for the settings in use.
  const conn = connectionProblem(chain, ctx.brokers, ctx.security, ctx.connecting ?? false);
  if (conn) return make(...conn);

  const protocol = chain.find((c) => typeof c.type === 'string' && c.type.length > 0);
  if (protocol?.type) {
    const [code, message] =
      authorizationProblem(protocol.type, ctx.security, ctx.topic) ??
      fromProtocolType(protocol.type, protocol.message ?? '', ctx);
    return make(code, message);
  }

  const timeout = chain.find((c) => c.name === 'KafkaJSRequestTimeoutError');
  if (timeout) {
    return make(
      'TIMEOUT',
      `The broker at ${timeout.broker ?? where(ctx, chain)} did not answer in time. Check that the cluster is healthy.`,
    );
  }

  const network = chain.find((c) => typeof c.code === 'string' && NETWORK_REASONS[c.code] !== undefined);
  if (network) {
    return make(
      'CONNECTION_FAILED',
      `Could not reach any broker at ${where(ctx, chain)} (${NETWORK_REASONS[network.code as string]}). Check the bootstrap address and that the cluster is running.`,
    );
  }

  const connection = chain.find(
    (c) => c.name === 'KafkaJSConnectionError' || c.name === 'KafkaJSConnectionClosedError',
  );
  if (connection) {
    const msg = connection.message ?? '';
    const reason = /timeout/i.test(msg)
      ? 'connection timed out'
      : /closed/i.test(msg)
        ? 'the connection was closed; the port may not be a Kafka listener, or TLS/SASL settings may not match'
        : msg;
    return make(
      'CONNECTION_FAILED',
      `Could not reach any broker at ${where(ctx, chain)} (${reason}). Check the bootstrap address and that the cluster is running.`,
    );
  }

  if (chain.some((c) => c.name === 'KafkaJSBrokerNotFound' || c.name === 'KafkaJSMetadataNotLoaded')) {
    return make('CONNECTION_FAILED', `No broker of the cluster at ${where(ctx, chain)} is reachable right now.`);
  }
  if (chain.some((c) => c.name === 'KafkaJSTopicMetadataNotLoaded')) {
    return make('NOT_FOUND', `${topicName(ctx)} does not exist.`);
  }
  if (chain.some((c) => c.name === 'KafkaJSTimeout' || c.name === 'KafkaJSLockTimeout')) {
    return make('TIMEOUT', `The cluster at ${where(ctx, chain)} did not answer in time.`);
  }

  const first = chain[0];
  return make('INTERNAL', `Unexpected error: ${first.message ?? String(e)}`);
}
