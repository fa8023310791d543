/** What every request handler gets: the broker's shared state and the request being answered. */
import type { BrokerConfigEntry } from '../topics/broker-configs.js';
import type { TopicManager } from '../topics/topic-manager.js';
import type { BrokerMeta } from '../server/data-dir.js';
import type { GroupCoordinatorPort } from './group-port.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string) => void;

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

export interface ApiRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export interface BrokerContext {
  readonly nodeId: number;
  readonly clusterId: string;
  /** Host and port clients are told to connect to. */
  readonly advertisedHost: string;
  readonly advertisedPort: number;
  readonly autoCreateTopics: boolean;
  readonly topics: TopicManager;
  readonly groups: GroupCoordinatorPort;
  readonly meta: BrokerMeta;
  /** The API versions this broker answers (codec support ∩ handlers). */
  readonly apis: readonly ApiRange[];
  /** Aborted when the broker stops, so long polls end at once. */
  readonly shutdown: AbortSignal;
  readonly log: Logger;
  /** Broker-level configs for DescribeConfigs on the broker resource. */
  readonly brokerConfigs: readonly BrokerConfigEntry[];
}

export interface ClientInfo {
  clientId: string | null;
  clientHost: string;
}

/** A handler returns the response body, or null when no response is sent (Produce with acks=0). */
export type Handler = (
  ctx: BrokerContext,
  header: RequestHeader,
  body: any,
  client: ClientInfo,
) => object | null | Promise<object | null>;
