/**
 * Message schemas as data, in the shape of Apache Kafka's JSON message definitions
 * (clients/src/main/resources/common/message/*.json): the codec interprets them per version.
 * Schemas are declared `as const satisfies MessageSchema`, so schema-types.ts can derive the
 * TypeScript type of each message from its literal shape.
 */

/**
 * Version range as Kafka writes it: "3+" (3 and later), "0-7", "4" (only 4), "none".
 * Field ranges are clipped to the message's validVersions when compiled.
 */
export type Versions = string;

/**
 * Field type names as in Kafka: int8 int16 int32 int64 uint16 uint32 float64 bool string bytes
 * records uuid, "[]T" for arrays (T a primitive, or a struct name when `fields` is given), and a bare
 * struct name with `fields` for a nested (non-array) struct.
 */
export interface FieldSchema {
  /** Kafka's UpperCamel name; decoded objects use it in lowerCamel. */
  readonly name: string;
  readonly type: string;
  readonly versions: Versions;
  readonly nullableVersions?: Versions;
  readonly taggedVersions?: Versions;
  readonly tag?: number;
  /** Default when absent; int64 defaults may be written as numbers. Kafka's "null" is `null`. */
  readonly default?: string | number | bigint | boolean | null;
  readonly fields?: readonly FieldSchema[];
}

export interface MessageSchema {
  readonly apiKey: number;
  /** e.g. "ProduceRequest" */
  readonly name: string;
  readonly type: 'request' | 'response';
  /** The versions transcribed here (may be narrower than Kafka's). */
  readonly validVersions: Versions;
  readonly flexibleVersions: Versions;
  readonly fields: readonly FieldSchema[];
}

/** One Kafka API: its key, its name, and the schemas of its request and response. */
export interface ApiSchemas<Req extends MessageSchema = MessageSchema, Res extends MessageSchema = MessageSchema> {
  readonly key: Req['apiKey'];
  /** The API name without the Request/Response suffix, e.g. "Produce". */
  readonly name: Req['name'] extends `${infer N}Request` ? N : string;
  readonly request: Req;
  readonly response: Res;
}

/** Pairs a request schema with its response schema; both must agree on key and versions. */
export function defineApi<Req extends MessageSchema, Res extends MessageSchema>(
  request: Req,
  response: Res,
): ApiSchemas<Req, Res> {
  if (
    request.type !== 'request' ||
    response.type !== 'response' ||
    request.apiKey !== response.apiKey ||
    request.validVersions !== response.validVersions ||
    !request.name.endsWith('Request')
  ) {
    throw new Error(`schema pair mismatch: ${request.name} / ${response.name}`);
  }
  const name = request.name.slice(0, -'Request'.length) as ApiSchemas<Req, Res>['name'];
  return Object.freeze({ key: request.apiKey, name, request, response });
}

export interface VersionRange {
  min: number;
  max: number;
}

const MAX = 0x7fff;

export function parseVersions(v: Versions): VersionRange | null {
  if (v === 'none') return null;
  let m = /^(\d+)\+$/.exec(v);
  if (m) return { min: Number(m[1]), max: MAX };
  m = /^(\d+)-(\d+)$/.exec(v);
  if (m) return { min: Number(m[1]), max: Number(m[2]) };
  m = /^(\d+)$/.exec(v);
  if (m) return { min: Number(m[1]), max: Number(m[1]) };
  throw new Error(`bad version range: ${v}`);
}

export function inVersions(v: Versions | undefined, version: number): boolean {
  if (v === undefined) return false;
  const r = parseVersions(v);
  return r !== null && version >= r.min && version <= r.max;
}
