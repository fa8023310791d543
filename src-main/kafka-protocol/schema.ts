/**
 * Message schemas as data, in the shape of Apache Kafka's JSON message definitions
 * (clients/src/main/resources/common/message/*.json): the codec interprets them per version.
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
  name: string;
  type: string;
  versions: Versions;
  nullableVersions?: Versions;
  taggedVersions?: Versions;
  tag?: number;
  /** Default when absent; int64 defaults may be written as numbers. Kafka's "null" is `null`. */
  default?: string | number | bigint | boolean | null;
  fields?: FieldSchema[];
}

export interface MessageSchema {
  apiKey: number;
  /** e.g. "ProduceRequest" */
  name: string;
  type: 'request' | 'response';
  /** The versions *we* support (may be narrower than Kafka's). */
  validVersions: Versions;
  flexibleVersions: Versions;
  fields: FieldSchema[];
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
