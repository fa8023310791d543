/** Test helper: builds sample message bodies from compiled plans. */
import { defaultValue } from '../codec.js';
import { ABSENT, K, TAGGED, type FieldPlan, type StructPlan } from '../plan.js';

/** Builds a body where every field present in the version has a non-default value (nulls where nullable, every other time). */
export function sample(plan: StructPlan, counter = { n: 1 }): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const f of plan.fields)
    obj[f.key] = f.mode === ABSENT ? defaultValue(f) : sampleValue(f, counter, f.mode === TAGGED);
  return obj;
}

function sampleValue(f: FieldPlan, c: { n: number }, tagged: boolean): unknown {
  const n = c.n++;
  if (f.nullable && !tagged && n % 2 === 0) return null;
  switch (f.kind) {
    case K.INT8:
      return (n % 100) + 1;
    case K.INT16:
      return 1000 + n;
    case K.INT32:
      return 100000 + n;
    case K.INT64:
      return 10n ** 12n + BigInt(n);
    case K.UINT16:
      return 60000 + n;
    case K.UINT32:
      return 2 ** 31 + n;
    case K.FLOAT64:
      return n + 0.5;
    case K.BOOL:
      return n % 3 !== 0 ? !f.def : Boolean(f.def); // mostly non-default
    case K.STRING:
      return `s${n}-ü`;
    case K.BYTES:
    case K.RECORDS:
      return Buffer.from([n & 0xff, 1, 2, 3]);
    case K.UUID:
      return Buffer.alloc(16, n & 0xff);
    case K.ARRAY:
      return [sampleValue(f.elem!, c, false), sampleValue(f.elem!, c, false)];
    case K.STRUCT_ARRAY:
      return [sample(f.struct!, c), sample(f.struct!, c)];
    case K.STRUCT:
      return sample(f.struct!, c);
  }
  throw new Error(`kind ${f.kind}`);
}
