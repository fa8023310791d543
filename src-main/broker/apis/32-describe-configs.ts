/**
 * DescribeConfigs (32), versions 0-4: a topic's configs with their sources, synonyms and
 * documentation on request, and the broker's own configs (read-only). A broker-logger resource has
 * no entries; other resource types are refused with INVALID_REQUEST.
 */
import { ErrorCode, type DecodedRequest, type EncodableResponse } from '../../kafka-protocol/index.js';
import { DescribeConfigs } from '../../kafka-protocol/messages/32-describe-configs.js';
import { CONFIG_TYPE_WIRE, ConfigSource } from '../topics/config-defs.js';
import { resolveAllTopicConfigs } from '../topics/topic-config.js';
import { brokerApi, type BrokerContext } from './context.js';
import { ResourceType } from './helpers.js';

type DescribeConfigsRequestBody = DecodedRequest<typeof DescribeConfigs>;
type ConfigRow = EncodableResponse<typeof DescribeConfigs>['results'][number]['configs'][number];

function topicRows(ctx: BrokerContext, name: string, body: DescribeConfigsRequestBody): ConfigRow[] | null {
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

function brokerRows(ctx: BrokerContext, body: DescribeConfigsRequestBody): ConfigRow[] {
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

function describeOne(
  ctx: BrokerContext,
  r: DescribeConfigsRequestBody['resources'][number],
  body: DescribeConfigsRequestBody,
) {
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
  result.configs = keys === null ? rows : rows.filter((row) => keys.includes(row.name));
  return result;
}

export const describeConfigsApi = brokerApi(DescribeConfigs, {
  versions: '0-4',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    results: body.resources.map((r) => describeOne(ctx, r, body)),
  }),
});
