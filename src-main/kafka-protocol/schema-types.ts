/**
 * TypeScript types derived from the schemas (declared `as const satisfies MessageSchema`).
 *
 * Decoded<S>: what the codec returns. Every field of every version is there (a field the version
 * lacks holds its default), under its lowerCamel name: int64 → bigint, other numbers → number,
 * bool → boolean, string → string, bytes/records/uuid → Buffer, "[]T" → T[], structs → objects,
 * and `| null` for a field that is nullable in some version.
 *
 * Encodable<S>: what the codec accepts. A field may be omitted where the codec would write a
 * default in its place: it has a default, is tagged or nullable, or is missing from some versions
 * of its struct. Arrays may be readonly, and records may also be a list of buffers.
 */
import type { ApiSchemas, FieldSchema, MessageSchema } from './schema.js';

/** Wire type name → TypeScript type. */
interface ScalarTypes {
  int8: number;
  int16: number;
  int32: number;
  int64: bigint;
  uint16: number;
  uint32: number;
  float64: number;
  bool: boolean;
  string: string;
  bytes: Buffer;
  records: Buffer;
  uuid: Buffer;
}

type ScalarName = keyof ScalarTypes;
type Fields = readonly FieldSchema[];

/** Flattens intersections, so editors show one object type. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type KeyOf<F extends FieldSchema> = Uncapitalize<F['name']>;
type NullOf<F extends FieldSchema> = F extends { readonly nullableVersions: string } ? null : never;

// ---------------------------------------------------------------- decoded

type DecodedValue<F extends FieldSchema> = F extends { readonly fields: infer S extends Fields }
  ? F['type'] extends `[]${string}`
    ? DecodedStruct<S>[]
    : DecodedStruct<S>
  : F['type'] extends `[]${infer E extends ScalarName}`
    ? ScalarTypes[E][]
    : F['type'] extends ScalarName
      ? ScalarTypes[F['type']]
      : never;

export type DecodedStruct<S extends Fields> = {
  [F in S[number] as KeyOf<F>]: DecodedValue<F> | NullOf<F>;
};

/** The object the codec decodes for message schema M. */
export type Decoded<M extends MessageSchema> = DecodedStruct<M['fields']>;

// ---------------------------------------------------------------- encodable

type EncodableValue<F extends FieldSchema> = F extends { readonly fields: infer S extends Fields }
  ? F['type'] extends `[]${string}`
    ? readonly EncodableStruct<S, F['versions']>[]
    : EncodableStruct<S, F['versions']>
  : F['type'] extends 'records'
    ? Buffer | readonly Buffer[]
    : F['type'] extends `[]${infer E extends ScalarName}`
      ? readonly ScalarTypes[E][]
      : F['type'] extends ScalarName
        ? ScalarTypes[F['type']]
        : never;

/** True when the codec fills the field in by itself (see the file comment). */
type MayOmit<F extends FieldSchema, StructVersions extends string> = F extends
  { readonly default: unknown } | { readonly taggedVersions: string } | { readonly nullableVersions: string }
  ? true
  : F['versions'] extends '0+' | StructVersions
    ? false
    : true;

export type EncodableStruct<S extends Fields, StructVersions extends string = '0+'> = Simplify<
  {
    [F in S[number] as MayOmit<F, StructVersions> extends true ? never : KeyOf<F>]: EncodableValue<F> | NullOf<F>;
  } & {
    [F in S[number] as MayOmit<F, StructVersions> extends true ? KeyOf<F> : never]?: EncodableValue<F> | NullOf<F>;
  }
>;

/** A value the codec can encode for message schema M. */
export type Encodable<M extends MessageSchema> = EncodableStruct<M['fields']>;

// ---------------------------------------------------------------- per API

/** A request as a server receives it. */
export type DecodedRequest<A extends ApiSchemas> = Decoded<A['request']>;
/** A response as a client receives it. */
export type DecodedResponse<A extends ApiSchemas> = Decoded<A['response']>;
/** A request as a client may write it. */
export type EncodableRequest<A extends ApiSchemas> = Encodable<A['request']>;
/** A response as a server may write it. */
export type EncodableResponse<A extends ApiSchemas> = Encodable<A['response']>;

/** A struct decoded or encoded without a schema known at compile time. */
export type Struct = Record<string, unknown>;
