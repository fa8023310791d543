import { z } from 'zod';
import { method } from './define.js';
import { TopicRefSchema } from './refs.js';
import type { OffsetString } from './topics.js';

/** Raw bytes as base64, so any value (text, JSON, binary) crosses the boundary losslessly. */
export interface Bytes {
  base64: string;
  /** Size of the original bytes. */
  size: number;
  /** True when `base64` holds only the first bytes of a larger value. */
  truncated: boolean;
}

export interface MessageHeader {
  key: string;
  value: Bytes | null;
}

export interface KafkaMessage {
  partition: number;
  offset: OffsetString;
  /** Milliseconds since epoch. */
  timestamp: number;
  key: Bytes | null;
  value: Bytes | null;
  headers: MessageHeader[];
}

export const NewestMessagesParamsSchema = TopicRefSchema.extend({
  limit: z.number().int().min(1).max(10_000).default(50),
  /** Restrict to one partition; null reads all partitions. */
  partition: z.number().int().min(0).nullable().default(null),
});
export type NewestMessagesParams = z.input<typeof NewestMessagesParamsSchema>;

export interface NewestMessagesResult {
  /** Newest first. */
  messages: KafkaMessage[];
  /** Per partition, where the read started and ended (for "load older"). */
  partitions: { partition: number; lowWatermark: OffsetString; highWatermark: OffsetString }[];
}

export const messagesMethods = {
  'messages.newest': method(NewestMessagesParamsSchema).returns<NewestMessagesResult>(),
};
