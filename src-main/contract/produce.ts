import { z } from 'zod';
import { method } from './define.js';
import { LIMITS, maxBytes } from './limits.js';
import { TopicRefSchema } from './refs.js';

export const ValueFormatSchema = z.enum(['text', 'json']);
export type ValueFormat = z.infer<typeof ValueFormatSchema>;

export const ProduceHeaderSchema = z.object({
  key: z
    .string()
    .min(1, 'Header name is required')
    .max(LIMITS.produceHeaderNameChars, `Header names have at most ${LIMITS.produceHeaderNameChars} characters`),
  value: maxBytes('This header value', LIMITS.produceHeaderValueBytes),
});

export const ProduceParamsSchema = TopicRefSchema.extend({
  /** null lets the producer's partitioner choose (by key hash, or spread when no key). */
  partition: z.number().int().min(0).nullable().default(null),
  key: maxBytes('The key', LIMITS.produceKeyBytes).nullable().default(null),
  value: maxBytes('The value', LIMITS.produceValueBytes).nullable().default(null),
  valueFormat: ValueFormatSchema.default('text'),
  headers: z
    .array(ProduceHeaderSchema)
    .max(LIMITS.produceHeaders, `At most ${LIMITS.produceHeaders} headers per record`)
    .default([]),
}).superRefine((p, ctx) => {
  if (p.valueFormat === 'json' && p.value !== null) {
    try {
      JSON.parse(p.value);
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Value is not valid JSON: ${(e as Error).message}`,
      });
    }
  }
});
export type ProduceParams = z.input<typeof ProduceParamsSchema>;

export interface ProduceResult {
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
}

export const produceMethods = {
  'produce.send': method(ProduceParamsSchema).returns<ProduceResult>(),
};
