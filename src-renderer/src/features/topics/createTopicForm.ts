/**
 * The create-topic form as data: what a person typed → the configs to send, and every problem
 * Samsa can tell before asking the broker (the broker's validate-only answer covers the rest).
 */
import { collidingTopic, CONFIG_ENTRIES_MAX, PARTITIONS_MAX, topicNameProblem, type AppError } from '../../contract.js';

/** The settings people actually change, in form order. */
export const COMMON_SETTINGS = [
  'cleanup.policy',
  'retention.ms',
  'retention.bytes',
  'min.insync.replicas',
  'segment.bytes',
  'max.message.bytes',
  'compression.type',
] as const;
export type CommonSetting = (typeof COMMON_SETTINGS)[number];

export interface ExtraConfig {
  id: number;
  name: string;
  value: string;
}

export interface CreateTopicForm {
  name: string;
  partitions: string;
  replicationFactor: string;
  /** Kafka's own units (ms, bytes); '' leaves the cluster's default. */
  settings: Record<CommonSetting, string>;
  extra: ExtraConfig[];
}

export function emptyForm(brokerCount: number): CreateTopicForm {
  return {
    name: '',
    partitions: '1',
    // Three copies where the cluster has three brokers, as production topics usually do.
    replicationFactor: String(Math.max(1, Math.min(3, brokerCount))),
    settings: Object.fromEntries(COMMON_SETTINGS.map((k) => [k, ''])) as Record<CommonSetting, string>,
    extra: [],
  };
}

/** Where each sent config came from, so a broker error at configs.N lands on the right input. */
export type ConfigOrigin = { kind: 'setting'; key: CommonSetting } | { kind: 'extra'; id: number };

export function configsOf(form: CreateTopicForm): {
  configs: { name: string; value: string }[];
  origins: ConfigOrigin[];
} {
  const configs: { name: string; value: string }[] = [];
  const origins: ConfigOrigin[] = [];
  for (const key of COMMON_SETTINGS) {
    const value = form.settings[key].trim();
    if (value === '') continue;
    configs.push({ name: key, value });
    origins.push({ kind: 'setting', key });
  }
  for (const e of form.extra) {
    if (e.name.trim() === '' && e.value.trim() === '') continue;
    configs.push({ name: e.name.trim(), value: e.value });
    origins.push({ kind: 'extra', id: e.id });
  }
  return { configs, origins };
}

/** Field keys: name, partitions, replicationFactor, setting:<key>, extra:<id>:name|value. */
export type FormErrors = Record<string, string>;

const wholeNumber = (s: string) => /^\d+$/.test(s.trim());

export function checkForm(
  form: CreateTopicForm,
  ctx: { existing: readonly string[]; brokerCount: number | null },
): FormErrors {
  const errors: FormErrors = {};
  const nameProblem = topicNameProblem(form.name);
  if (nameProblem) errors.name = nameProblem;
  else {
    if (ctx.existing.includes(form.name)) errors.name = `A topic named "${form.name}" already exists.`;
    const other = collidingTopic(form.name, ctx.existing);
    if (other)
      errors.name = `Kafka refuses this name: it collides with "${other}" ("." and "_" are treated alike in metric names).`;
  }
  if (!wholeNumber(form.partitions) || Number(form.partitions) < 1)
    errors.partitions = 'Enter a whole number of at least 1.';
  else if (Number(form.partitions) > PARTITIONS_MAX)
    errors.partitions = `Samsa creates at most ${PARTITIONS_MAX.toLocaleString('en-US')} partitions at once.`;
  const rf = Number(form.replicationFactor);
  if (!wholeNumber(form.replicationFactor) || rf < 1) errors.replicationFactor = 'Enter a whole number of at least 1.';
  else if (ctx.brokerCount !== null && rf > ctx.brokerCount)
    errors.replicationFactor = `This cluster has ${ctx.brokerCount} broker${ctx.brokerCount === 1 ? '' : 's'}: at most ${ctx.brokerCount} replica${ctx.brokerCount === 1 ? '' : 's'}.`;

  const minIsr = form.settings['min.insync.replicas'].trim();
  if (minIsr !== '') {
    if (!wholeNumber(minIsr) || Number(minIsr) < 1)
      errors['setting:min.insync.replicas'] = 'Enter a whole number of at least 1.';
    else if (!errors.replicationFactor && Number(minIsr) > rf)
      errors['setting:min.insync.replicas'] =
        `Higher than the replication factor (${rf}): every acks=all write would fail with NOT_ENOUGH_REPLICAS.`;
  }
  for (const key of ['retention.ms', 'retention.bytes', 'segment.bytes', 'max.message.bytes'] as const) {
    const v = form.settings[key].trim();
    if (v !== '' && !/^-?\d+$/.test(v)) errors[`setting:${key}`] = 'Enter a whole number.';
  }
  const seen = new Map<string, number>();
  for (const e of form.extra) {
    const n = e.name.trim();
    if (n === '' && e.value.trim() === '') continue;
    if (n === '') errors[`extra:${e.id}:name`] = 'Enter the config name.';
    else if ((COMMON_SETTINGS as readonly string[]).includes(n)) errors[`extra:${e.id}:name`] = `Set ${n} above.`;
    else if (seen.has(n)) errors[`extra:${e.id}:name`] = `${n} is given twice.`;
    seen.set(n, e.id);
  }
  if (configsOf(form).configs.length > CONFIG_ENTRIES_MAX) errors.extra = `At most ${CONFIG_ENTRIES_MAX} configs.`;
  return errors;
}

/** A server error (VALIDATION / ALREADY_EXISTS with a field) placed on the form's input. */
export function serverFieldError(
  error: AppError,
  origins: readonly ConfigOrigin[],
): { key: string; message: string } | null {
  if (!error.field) return null;
  // The dispatcher prefixes zod messages with their path; the input already says where.
  const message = error.message.startsWith(`${error.field}: `)
    ? error.message.slice(error.field.length + 2)
    : error.message;
  if (['name', 'partitions', 'replicationFactor'].includes(error.field)) return { key: error.field, message };
  const m = /^configs\.(\d+)(?:\.(name|value))?$/.exec(error.field);
  if (!m) return null;
  const origin = origins[Number(m[1])];
  if (!origin) return null;
  if (origin.kind === 'setting') return { key: `setting:${origin.key}`, message };
  return { key: `extra:${origin.id}:${m[2] ?? 'value'}`, message };
}

/** Kafka's TopicCommand warns about this too: "." and "_" in one name invite collisions. */
export function mixesDotAndUnderscore(name: string): boolean {
  return name.includes('.') && name.includes('_');
}
