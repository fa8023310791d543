/** Small helpers shared by handlers. */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import type { BrokerContext } from './context.js';

/** Kafka's "no authorized operations requested" sentinel (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

/** Maps an exception to a Kafka error code and message; unexpected exceptions are logged. */
export function errorOf(ctx: BrokerContext, e: unknown, what: string): { code: number; message: string } {
  if (e instanceof KafkaProtocolError) return { code: e.code, message: e.message };
  ctx.log('error', `${what}: ${(e as Error)?.stack ?? String(e)}`);
  return { code: ErrorCode.UNKNOWN_SERVER_ERROR, message: (e as Error)?.message ?? String(e) };
}

export const ZERO_UUID: Buffer = Buffer.alloc(16);

export function brokerNode(ctx: BrokerContext) {
  return { nodeId: ctx.nodeId, host: ctx.advertisedHost, port: ctx.advertisedPort, rack: null };
}
