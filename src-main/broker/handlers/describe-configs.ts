/** DescribeConfigs (apiKey 32): topic configs with sources and synonyms, and the broker's configs. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { CONFIG_TYPE_WIRE, ConfigSource } from '../topics/config-defs.js';
import { resolveAllTopicConfigs } from '../topics/topic-config.js';
import type { BrokerContext, Handler } from './context.js';

export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

interface DescribeConfigsRequest {
  resources: Array<{ resourceType: number; resourceName: string; configurationKeys: string[] | null }>;
  includeSynonyms?: boolean;
  includeDocumentation?: boolean;
}

interface ConfigRow {
  name: string;
  value: string | null;
  readOnly: boolean;
  isDefault: boolean;
  configSource: number;
  isSensitive: boolean;
  synonyms: Array<{ name: string; value: string | null; source: number }>;
  configType: number;
  documentation: string | null;
}

function topicRows(ctx: BrokerContext, name: string, body: DescribeConfigsRequest): ConfigRow[] | null {
  const topic = ctx.topics.get(name);
  if (!topic) return null;
  return resolveAllTopicConfigs(topic.configs, ctx.topics.brokerConfigs).map((c) => ({
    name: c.def.name,
    value: c.value,
    readOnly: false,
    isDefault: c.source === ConfigSource.DEFAULT_CONFIG,
    configSource: c.source,
    isSensitive: false,
    synonyms: body.includeSynonyms ? c.synonyms : [],
    configType: CONFIG_TYPE_WIRE[c.def.type],
    documentation: body.includeDocumentation ? c.def.doc : null,
  }));
}

function brokerRows(ctx: BrokerContext, body: DescribeConfigsRequest): ConfigRow[] {
  return ctx.brokerConfigs.map((c) => ({
    name: c.name,
    value: c.value,
    readOnly: true,
    isDefault: c.source === ConfigSource.DEFAULT_CONFIG,
    configSource: c.source,
    isSensitive: false,
    synonyms: body.includeSynonyms ? [{ name: c.name, value: c.value, source: c.source }] : [],
    configType: CONFIG_TYPE_WIRE[c.type],
    documentation: null,
  }));
}

function describeOne(ctx: BrokerContext, r: DescribeConfigsRequest['resources'][number], body: DescribeConfigsRequest) {
  const result = {
    errorCode: ErrorCode.NONE as number,
    errorMessage: null as string | null,
    resourceType: r.resourceType,
    resourceName: r.resourceName,
    configs: [] as ConfigRow[],
  };
  let rows: ConfigRow[] | null;
  if (r.resourceType === ResourceType.TOPIC) {
    rows = topicRows(ctx, r.resourceName, body);
    if (!rows)
      return {
        ...result,
        errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        errorMessage: `Topic '${r.resourceName}' does not exist.`,
      };
  } else if (r.resourceType === ResourceType.BROKER) {
    if (r.resourceName !== '' && r.resourceName !== String(ctx.nodeId)) {
      return {
        ...result,
        errorCode: ErrorCode.INVALID_REQUEST,
        errorMessage: `Unexpected broker id, expected ${ctx.nodeId} or empty string, but received ${r.resourceName}`,
      };
    }
    rows = brokerRows(ctx, body);
  } else if (r.resourceType === ResourceType.BROKER_LOGGER) {
    rows = [];
  } else {
    return {
      ...result,
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `Unsupported resource type ${r.resourceType}`,
    };
  }
  const keys = r.configurationKeys;
  result.configs = keys === null || keys === undefined ? rows : rows.filter((row) => keys.includes(row.name));
  return result;
}

export const handleDescribeConfigs: Handler = (ctx, _header, body: DescribeConfigsRequest) => ({
  throttleTimeMs: 0,
  results: body.resources.map((r) => describeOne(ctx, r, body)),
});
