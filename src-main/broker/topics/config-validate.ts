/** Validation and normalisation of topic config values, answering INVALID_CONFIG with Kafka-like messages. */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { TOPIC_CONFIGS, type ConfigDef } from './config-defs.js';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function invalid(message: string): KafkaProtocolError {
  return new KafkaProtocolError(ErrorCode.INVALID_CONFIG, message);
}

/** Returns the definition of a topic config, or throws INVALID_CONFIG for an unknown name. */
export function topicConfigDef(name: string): ConfigDef {
  const def = TOPIC_CONFIGS.get(name);
  if (!def) throw invalid(`Unknown topic config name: ${name}`);
  return def;
}

/** Checks one value against its definition and returns the normalised string stored in the registry. */
export function validateTopicConfig(name: string, value: string | null | undefined): string {
  const def = topicConfigDef(name);
  if (value === null || value === undefined) throw invalid(`Null value not supported for topic config ${name}`);
  const v = value.trim();
  const bad = (why: string) => invalid(`Invalid value ${value} for configuration ${name}: ${why}`);
  switch (def.type) {
    case 'boolean': {
      const lower = v.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw bad('Expected value to be either true or false');
      return lower;
    }
    case 'int':
    case 'short': {
      if (!/^[+-]?\d+$/.test(v)) throw bad(`Not a number of type ${def.type.toUpperCase()}`);
      const n = Number(v);
      if (n < INT_MIN || n > INT_MAX) throw bad(`Not a number of type ${def.type.toUpperCase()}`);
      checkRange(def, n, bad);
      return String(n);
    }
    case 'long': {
      if (!/^[+-]?\d+$/.test(v)) throw bad('Not a number of type LONG');
      const n = BigInt(v);
      if (n < LONG_MIN || n > LONG_MAX) throw bad('Not a number of type LONG');
      checkRange(def, Number(n), bad);
      return n.toString();
    }
    case 'double': {
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) throw bad('Not a number of type DOUBLE');
      checkRange(def, n, bad);
      return String(n);
    }
    case 'list': {
      const items = v === '' ? [] : v.split(',').map((s) => s.trim());
      if (def.oneOf) {
        if (items.length === 0) throw bad(`Empty list`);
        for (const item of items) {
          if (!def.oneOf.includes(item)) throw bad(`String must be one of: ${def.oneOf.join(', ')}`);
        }
      }
      return [...new Set(items)].join(',');
    }
    default: {
      if (def.oneOf) {
        // Kafka matches these enum-like strings case-insensitively but reports its own spelling.
        const hit = def.oneOf.find((o) => o.toLowerCase() === v.toLowerCase());
        if (!hit) throw bad(`String must be one of: ${def.oneOf.join(', ')}`);
        return hit;
      }
      return v;
    }
  }
}

function checkRange(def: ConfigDef, n: number, bad: (why: string) => Error): void {
  if (def.min !== undefined && n < def.min) throw bad(`Value must be at least ${def.min}`);
  if (def.max !== undefined && n > def.max) throw bad(`Value must be no more than ${def.max}`);
}

/** Validates a whole override set, including rules that involve several keys or sandbox limits. */
export function validateTopicConfigs(configs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(configs)) out[name] = validateTopicConfig(name, value);
  if (out['remote.storage.enable'] === 'true')
    throw invalid('Tiered storage is not available in the Samsa sandbox broker');
  return out;
}
