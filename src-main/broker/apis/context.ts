/**
 * What an API module of the broker is: the schemas it answers, the versions it serves and a handler
 * typed by those schemas; and what every handler gets, the broker's shared state (BrokerContext).
 */
import {
  parseVersions,
  type ApiSchemas,
  type DecodedRequest,
  type EncodableResponse,
  type RequestHeader,
  type VersionRange,
  type Versions,
} from '../../kafka-protocol/index.js';
import type { GroupCoordinator } from '../group/index.js';
import type { BrokerMeta } from '../server/data-dir.js';
import type { BrokerConfigEntry } from '../topics/broker-configs.js';
import type { TopicManager } from '../topics/topic-manager.js';

export type { RequestHeader } from '../../kafka-protocol/index.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string) => void;

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
  readonly groups: GroupCoordinator;
  readonly meta: BrokerMeta;
  /** The API versions this broker advertises in ApiVersions (built from the registry). */
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

type MaybePromise<T> = T | Promise<T>;

/** Answers one request: the response body, or null when no response is sent (Produce with acks=0). */
export type Handler<A extends ApiSchemas> = (
  ctx: BrokerContext,
  request: DecodedRequest<A>,
  header: RequestHeader,
  client: ClientInfo,
) => MaybePromise<EncodableResponse<A> | null>;

/** One API as the broker serves it. */
export interface BrokerApi<A extends ApiSchemas> {
  readonly schemas: A;
  /** The versions served: within the schema's, possibly fewer. */
  readonly versions: VersionRange;
  /** Listed in ApiVersions answers. */
  readonly advertised: boolean;
  readonly handle: Handler<A>;
}

export interface BrokerApiOptions<A extends ApiSchemas> {
  /** Kafka's notation: "0-9", "3+", "4". */
  versions: Versions;
  /** Default true; false answers the API without listing it in ApiVersions. */
  advertised?: boolean;
  handle: Handler<A>;
}

/** Defines the broker's side of an API; throws at load time if it claims versions the schema lacks. */
export function brokerApi<A extends ApiSchemas>(schemas: A, opts: BrokerApiOptions<A>): BrokerApi<A> {
  const served = parseVersions(opts.versions);
  const known = parseVersions(schemas.request.validVersions);
  if (!served || !known || served.min < known.min || served.max > known.max) {
    throw new Error(
      `${schemas.name}: served versions ${opts.versions} are not within ${schemas.request.validVersions}`,
    );
  }
  return Object.freeze({
    schemas,
    versions: Object.freeze(served),
    advertised: opts.advertised ?? true,
    handle: opts.handle,
  });
}
