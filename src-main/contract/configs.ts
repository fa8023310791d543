import { z } from 'zod';
import { method } from './define.js';
import { ClusterRefSchema, TopicNameSchema } from './refs.js';
import { CONFIG_ENTRIES_MAX, ConfigNameSchema, ConfigValueSchema } from './topics.js';

/** A topic, or one broker by its node id. */
export const ConfigResourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('topic'), name: TopicNameSchema }),
  z.object({ type: z.literal('broker'), name: z.string().regex(/^\d{1,10}$/, 'A broker is named by its node id') }),
]);
export type ConfigResource = z.infer<typeof ConfigResourceSchema>;

/**
 * Where a value comes from, most specific first: a topic override, a broker's own dynamic value,
 * the cluster-wide dynamic default, the broker's properties file, Kafka's built-in default.
 */
export type ConfigSource =
  'topic' | 'broker' | 'cluster-default' | 'static' | 'default' | 'logger' | 'client-metrics' | 'group' | 'unknown';

export type ConfigValueType =
  'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password';

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: ConfigSource;
}

export interface ConfigEntry {
  name: string;
  /** null for a sensitive value (Kafka never sends it) or a value that is not set. */
  value: string | null;
  source: ConfigSource;
  /** Kafka does not allow changing it here (a static broker config, or a topic config that is fixed). */
  readOnly: boolean;
  sensitive: boolean;
  /**
   * The value this entry falls back to when its own level is removed ("reset to default"): the next
   * synonym below this one. null when nothing is below (already Kafka's default) or the broker did not say.
   */
  fallback: ConfigSynonym | null;
  /** Every level that sets this config, most specific first (the first is the value in force). */
  synonyms: ConfigSynonym[];
  /** Reported by Kafka 2.6+ (DescribeConfigs v3); null from older brokers. */
  type: ConfigValueType | null;
  documentation: string | null;
}

export interface ConfigsResult {
  resource: ConfigResource;
  entries: ConfigEntry[];
  /** Whether Samsa can change configs of this resource on this cluster, and if not, why. */
  editable: boolean;
  notEditableReason: string | null;
}

export const DescribeConfigsParamsSchema = ClusterRefSchema.extend({ resource: ConfigResourceSchema });

export const ConfigChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set'), name: ConfigNameSchema, value: ConfigValueSchema }),
  /** Removes the value at this level: the config falls back to the broker's or Kafka's default. */
  z.object({ action: z.literal('reset'), name: ConfigNameSchema }),
]);
export type ConfigChange = z.infer<typeof ConfigChangeSchema>;

export const AlterConfigsParamsSchema = ClusterRefSchema.extend({
  resource: ConfigResourceSchema,
  changes: z
    .array(ConfigChangeSchema)
    .min(1, 'Nothing to change')
    .max(CONFIG_ENTRIES_MAX, `At most ${CONFIG_ENTRIES_MAX} changes at once`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((c, i) => {
        if (seen.has(c.name))
          ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${c.name} is changed twice` });
        seen.add(c.name);
      });
    }),
  /** Ask the broker to check the changes without applying them. */
  validateOnly: z.boolean().default(false),
});
export type AlterConfigsParams = z.input<typeof AlterConfigsParamsSchema>;

export const configsMethods = {
  'configs.describe': method(DescribeConfigsParamsSchema).returns<ConfigsResult>(),
  /** IncrementalAlterConfigs: only the named configs change; every other override stays as it is. */
  'configs.alter': method(AlterConfigsParamsSchema).returns<{ validateOnly: boolean }>(),
};
