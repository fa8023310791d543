import { z } from 'zod';
import { method } from './define.js';
import { TopicRefSchema } from './refs.js';

export const ValueFormatSchema = z.enum(['text', 'json']);
export type ValueFormat = z.infer<typeof ValueFormatSchema>;

export const ProduceHeaderSchema = z.object({
  key: z.string().min(1, 'Header name is required'),
  value: z.string(),
});

export const ProduceParamsSchema = TopicRefSchema.extend({
  /** null lets the producer's partitioner choose (by key hash, or spread when no key). */
  partition: z.number().int().min(0).nullable().default(null),
  key: z.string().nullable().default(null),
  value: z.string().nullable().default(null),
  valueFormat: ValueFormatSchema.default('text'),
  headers: z.array(ProduceHeaderSchema).max(100).default([]),
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
