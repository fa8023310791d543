/**
 * Generic struct encoder/decoder driven by compiled plans (see plan.ts).
 *
 * Decoded objects carry every schema field, in schema order: fields the version lacks get their
 * default, so handlers can read e.g. `isolationLevel` without version checks and every object of one
 * struct type has the same shape (monomorphic property access for V8).
 */
import { ProtocolDecodeError, ProtocolEncodeError } from './codec-errors.js';
import { K, WIRE, type FieldPlan, type StructPlan } from './plan.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

type Obj = Record<string, unknown>;

/** A fresh default value (arrays, structs and uuids must not be shared between objects). */
export function defaultValue(f: FieldPlan): unknown {
  switch (f.kind) {
    case K.ARRAY:
    case K.STRUCT_ARRAY:
      return f.defNull ? null : [];
    case K.STRUCT:
      return f.defNull ? null : defaultStruct(f.struct!);
    case K.UUID:
      return f.defNull ? null : Buffer.alloc(16);
    default:
      return f.def;
  }
}

export function defaultStruct(p: StructPlan): Obj {
  const obj: Obj = {};
  for (const f of p.fields) obj[f.key] = defaultValue(f);
  return obj;
}

// ---------------------------------------------------------------- decode

function readValue(r: Reader, f: FieldPlan, flexible: boolean): unknown {
  switch (f.kind) {
    case K.INT8:
      return r.int8();
    case K.INT16:
      return r.int16();
    case K.INT32:
      return r.int32();
    case K.INT64:
      return r.int64();
    case K.UINT16:
      return r.uint16();
    case K.UINT32:
      return r.uint32();
    case K.FLOAT64:
      return r.float64();
    case K.BOOL:
      return r.bool();
    case K.STRING:
      if (flexible) return f.nullable ? r.compactNullableString() : r.compactString();
      return f.nullable ? r.nullableString() : r.string();
    case K.BYTES:
      if (flexible) return f.nullable ? r.compactNullableBytes() : r.compactBytes();
      return f.nullable ? r.nullableBytes() : r.bytes();
    case K.RECORDS:
      // Record batches can be megabytes: hand out a view on the frame, never a copy.
      return flexible ? r.compactNullableBytes(false) : r.nullableBytes(false);
    case K.UUID:
      return r.uuid();
    case K.ARRAY:
    case K.STRUCT_ARRAY: {
      const n = r.arrayLength(flexible);
      if (n < 0) {
        if (!f.nullable) throw new ProtocolDecodeError(`null array for non-nullable field ${f.name}`);
        return null;
      }
      const out = new Array<unknown>(n);
      if (f.kind === K.ARRAY) {
        const e = f.elem!;
        for (let i = 0; i < n; i++) out[i] = readValue(r, e, flexible);
      } else {
        const s = f.struct!;
        for (let i = 0; i < n; i++) out[i] = decodeStruct(r, s);
      }
      return out;
    }
    case K.STRUCT:
      return decodeStruct(r, f.struct!);
    default:
      throw new Error(`unhandled kind ${f.kind}`);
  }
}

export function decodeStruct(r: Reader, p: StructPlan): Obj {
  const obj: Obj = {};
  const fields = p.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    obj[f.key] = f.mode === WIRE ? readValue(r, f, p.flexible) : defaultValue(f);
  }
  if (p.flexible) readTaggedFields(r, p, obj);
  return obj;
}

function readTaggedFields(r: Reader, p: StructPlan, obj: Obj): void {
  const count = r.uvarint();
  if (count > r.remaining()) throw new ProtocolDecodeError(`tagged field count ${count} exceeds frame`);
  for (let i = 0; i < count; i++) {
    const tag = r.uvarint();
    const size = r.uvarint();
    r.need(size);
    const end = r.pos + size;
    const f = findTag(p, tag);
    if (f) {
      // Decode inside a window so a lying size can't make the field read past its slot.
      const sub = new Reader(r.buf, r.pos, end);
      obj[f.key] = readValue(sub, f, true);
    }
    r.pos = end; // unknown tags are skipped, as Kafka does
  }
}

function findTag(p: StructPlan, tag: number): FieldPlan | undefined {
  const t = p.tagged;
  for (let i = 0; i < t.length; i++) if (t[i].tag === tag) return t[i];
  return undefined;
}

// ---------------------------------------------------------------- encode

function fail(f: FieldPlan, what: string): never {
  throw new ProtocolEncodeError(`field ${f.name}: ${what}`);
}

function toBigInt(f: FieldPlan, v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return fail(f, `expected bigint, got ${typeof v}`);
}

function writeRecords(w: Writer, f: FieldPlan, v: unknown, flexible: boolean): void {
  if (v === null) {
    if (flexible) w.uvarint(0);
    else w.int32(-1);
    return;
  }
  // A list of buffers (e.g. several stored batches) is written back to back without concatenating first.
  if (Array.isArray(v)) {
    let total = 0;
    for (const b of v as Buffer[]) total += b.length;
    if (flexible) w.uvarint(total + 1);
    else w.int32(total);
    for (const b of v as Buffer[]) w.raw(b);
    return;
  }
  if (!Buffer.isBuffer(v)) fail(f, 'expected Buffer, Buffer[] or null');
  if (flexible) w.compactBytes(v);
  else w.bytes(v);
}

function writeValue(w: Writer, f: FieldPlan, v: unknown, flexible: boolean): void {
  if (v === undefined) v = defaultValue(f);
  if (v === null && !f.nullable) fail(f, 'null is not allowed in this version');
  switch (f.kind) {
    case K.INT8:
      return w.int8(v as number);
    case K.INT16:
      return w.int16(v as number);
    case K.INT32:
      return w.int32(v as number);
    case K.INT64:
      return w.int64(toBigInt(f, v));
    case K.UINT16:
      return w.uint16(v as number);
    case K.UINT32:
      return w.uint32(v as number);
    case K.FLOAT64:
      return w.float64(v as number);
    case K.BOOL:
      return w.bool(Boolean(v));
    case K.STRING:
      if (v !== null && typeof v !== 'string') fail(f, `expected string, got ${typeof v}`);
      if (flexible) return w.compactNullableString(v as string | null);
      return w.nullableString(v as string | null);
    case K.BYTES:
      if (v !== null && !Buffer.isBuffer(v)) fail(f, 'expected Buffer');
      if (flexible) return w.compactNullableBytes(v as Buffer | null);
      return w.nullableBytes(v as Buffer | null);
    case K.RECORDS:
      return writeRecords(w, f, v, flexible);
    case K.UUID:
      if (!Buffer.isBuffer(v)) fail(f, 'expected a 16-byte Buffer');
      return w.uuid(v);
    case K.ARRAY:
    case K.STRUCT_ARRAY: {
      if (v === null) return w.arrayLength(-1, flexible);
      if (!Array.isArray(v)) fail(f, 'expected an array');
      w.arrayLength(v.length, flexible);
      if (f.kind === K.ARRAY) {
        const e = f.elem!;
        for (let i = 0; i < v.length; i++) writeValue(w, e, v[i], flexible);
      } else {
        const s = f.struct!;
        for (let i = 0; i < v.length; i++) encodeStruct(w, s, v[i] as Obj);
      }
      return;
    }
    case K.STRUCT:
      if (typeof v !== 'object' || v === null) fail(f, 'expected an object');
      return encodeStruct(w, f.struct!, v as Obj);
    default:
      throw new Error(`unhandled kind ${f.kind}`);
  }
}

export function encodeStruct(w: Writer, p: StructPlan, obj: Obj): void {
  if (typeof obj !== 'object' || obj === null) throw new ProtocolEncodeError('expected an object for a struct');
  const fields = p.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f.mode === WIRE) writeValue(w, f, obj[f.key], p.flexible);
  }
  if (p.flexible) {
    if (p.tagged.length === 0) w.emptyTaggedFields();
    else writeTaggedFields(w, p, obj);
  }
}

/** Kafka writes a tagged field only when it differs from its default. */
function isDefault(f: FieldPlan, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (f.kind) {
    case K.ARRAY:
    case K.STRUCT_ARRAY:
      return Array.isArray(v) && v.length === 0 && !f.defNull;
    case K.STRUCT:
    case K.UUID:
    case K.BYTES:
    case K.RECORDS:
      return false;
    case K.INT64:
      return f.def !== null && toBigInt(f, v) === f.def;
    default:
      return v === f.def;
  }
}

function writeTaggedFields(w: Writer, p: StructPlan, obj: Obj): void {
  const present: FieldPlan[] = [];
  for (const f of p.tagged) if (!isDefault(f, obj[f.key])) present.push(f);
  w.uvarint(present.length);
  for (const f of present) {
    const tmp = new Writer(64);
    writeValue(tmp, f, obj[f.key], true);
    w.uvarint(f.tag);
    w.uvarint(tmp.pos);
    w.raw(tmp.finish());
  }
}
