/**
 * Compiles a message schema for one version into a flat plan: each field resolved to a numeric kind,
 * its presence/taggedness/nullability for that version, and its default. Plans are built once and
 * cached, so the hot encode/decode loops do no string parsing or version arithmetic.
 */
import { inVersions, type FieldSchema, type MessageSchema } from './schema.js';

/** Numeric field kinds (plain constants: cheap switch, no enum emit issues under isolatedModules). */
export const K = {
  INT8: 1,
  INT16: 2,
  INT32: 3,
  INT64: 4,
  UINT16: 5,
  UINT32: 6,
  FLOAT64: 7,
  BOOL: 8,
  STRING: 9,
  BYTES: 10,
  RECORDS: 11,
  UUID: 12,
  /** Array of a primitive kind (see FieldPlan.elem). */
  ARRAY: 13,
  STRUCT_ARRAY: 14,
  STRUCT: 15,
} as const;

const PRIMITIVES: Record<string, number> = {
  int8: K.INT8,
  int16: K.INT16,
  int32: K.INT32,
  int64: K.INT64,
  uint16: K.UINT16,
  uint32: K.UINT32,
  float64: K.FLOAT64,
  bool: K.BOOL,
  string: K.STRING,
  bytes: K.BYTES,
  records: K.RECORDS,
  uuid: K.UUID,
};

/** Where a field lives in this version. */
export const WIRE = 0;
export const TAGGED = 1;
export const ABSENT = 2;

export interface FieldPlan {
  /** lowerCamel key used in JS objects. */
  key: string;
  /** Kafka name, for error messages. */
  name: string;
  kind: number;
  mode: number;
  nullable: boolean;
  tag: number;
  /** Default for scalar kinds (arrays/structs/uuid build a fresh value each time). */
  def: unknown;
  /** Default of an array field is null rather than []. */
  defNull: boolean;
  /** Element plan of a primitive array. */
  elem: FieldPlan | null;
  /** Plan of the struct, or of each element of a struct array. */
  struct: StructPlan | null;
}

export interface StructPlan {
  flexible: boolean;
  /** Every field in schema order (wire order for WIRE fields). */
  fields: FieldPlan[];
  /** TAGGED fields, ascending by tag (the order Kafka writes them). */
  tagged: FieldPlan[];
}

export function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function zeroOf(kind: number): unknown {
  switch (kind) {
    case K.INT64:
      return 0n;
    case K.BOOL:
      return false;
    case K.STRING:
      return '';
    case K.BYTES:
    case K.RECORDS:
      return Buffer.alloc(0);
    case K.UUID:
      return undefined; // built fresh per use
    default:
      return 0;
  }
}

function convertDefault(kind: number, d: FieldSchema['default']): unknown {
  if (d === null) return null;
  if (kind === K.INT64) return typeof d === 'bigint' ? d : BigInt(d as number);
  return d;
}

function compileField(f: FieldSchema, version: number, flexible: boolean): FieldPlan {
  const present = inVersions(f.versions, version);
  const tagged = present && flexible && inVersions(f.taggedVersions, version);
  const nullable = present && inVersions(f.nullableVersions, version);
  let kind: number;
  let elem: FieldPlan | null = null;
  let struct: StructPlan | null = null;
  if (f.type.startsWith('[]')) {
    if (f.fields) {
      kind = K.STRUCT_ARRAY;
      struct = compileStruct(f.fields, version, flexible);
    } else {
      kind = K.ARRAY;
      const ek = PRIMITIVES[f.type.slice(2)];
      if (ek === undefined) throw new Error(`unknown array element type ${f.type} in ${f.name}`);
      elem = {
        key: '',
        name: `${f.name}[]`,
        kind: ek,
        mode: WIRE,
        nullable: false,
        tag: -1,
        def: zeroOf(ek),
        defNull: false,
        elem: null,
        struct: null,
      };
    }
  } else if (f.fields) {
    kind = K.STRUCT;
    struct = compileStruct(f.fields, version, flexible);
  } else {
    const pk = PRIMITIVES[f.type];
    if (pk === undefined) throw new Error(`unknown type ${f.type} in ${f.name}`);
    kind = pk;
  }
  let def: unknown;
  if (f.default !== undefined) def = convertDefault(kind, f.default);
  else if (nullable && kind !== K.STRUCT) def = null;
  else def = zeroOf(kind);
  return {
    key: lowerCamel(f.name),
    name: f.name,
    kind,
    mode: !present ? ABSENT : tagged ? TAGGED : WIRE,
    nullable,
    tag: tagged ? (f.tag ?? -1) : -1,
    def,
    defNull: def === null,
    elem,
    struct,
  };
}

export function compileStruct(fields: readonly FieldSchema[], version: number, flexible: boolean): StructPlan {
  const all = fields.map((f) => compileField(f, version, flexible));
  const tagged = all.filter((f) => f.mode === TAGGED).sort((a, b) => a.tag - b.tag);
  for (const t of tagged) if (t.tag < 0) throw new Error(`tagged field ${t.name} has no tag`);
  return { flexible, fields: all, tagged };
}

const cache = new Map<MessageSchema, Array<StructPlan | undefined>>();

/** The cached plan of a message at a version (the caller has checked the version is valid). */
export function planFor(schema: MessageSchema, version: number): StructPlan {
  let perVersion = cache.get(schema);
  if (!perVersion) {
    perVersion = [];
    cache.set(schema, perVersion);
  }
  let plan = perVersion[version];
  if (!plan) {
    plan = compileStruct(schema.fields, version, inVersions(schema.flexibleVersions, version));
    perVersion[version] = plan;
  }
  return plan;
}
