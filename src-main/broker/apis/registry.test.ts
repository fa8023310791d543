import { describe, expect, it } from 'vitest';
import {
  ApiKey,
  Apis,
  apiSchemas,
  CLIENT_ONLY_API_KEYS,
  knownApis,
  schemaVersions,
} from '../../kafka-protocol/index.js';
import { brokerApi } from './context.js';
import { advertisedApis, BROKER_APIS, routeTable, servedVersions } from './registry.js';

describe('the broker API registry', () => {
  it('advertises the agreed ranges, in key order, and not SaslHandshake', () => {
    const names = new Map(BROKER_APIS.map((a) => [a.key, a.name]));
    const ranges = Object.fromEntries(
      advertisedApis().map((a) => [names.get(a.apiKey), `${a.minVersion}-${a.maxVersion}`]),
    );
    expect(ranges).toEqual({
      Produce: '0-9',
      Fetch: '4-12',
      ListOffsets: '0-7',
      Metadata: '0-12',
      OffsetCommit: '0-9',
      OffsetFetch: '0-9',
      FindCoordinator: '0-4',
      JoinGroup: '0-9',
      Heartbeat: '0-4',
      LeaveGroup: '0-5',
      SyncGroup: '0-5',
      DescribeGroups: '0-6',
      ListGroups: '0-5',
      ApiVersions: '0-3',
      CreateTopics: '0-7',
      DeleteTopics: '0-6',
      DeleteRecords: '0-2',
      InitProducerId: '0-4',
      AddPartitionsToTxn: '0-3',
      AddOffsetsToTxn: '0-3',
      EndTxn: '0-3',
      WriteTxnMarkers: '0-1',
      TxnOffsetCommit: '0-3',
      DescribeConfigs: '0-4',
      AlterConfigs: '0-2',
      DescribeLogDirs: '1-4',
      CreatePartitions: '0-3',
      DeleteGroups: '0-2',
      IncrementalAlterConfigs: '0-1',
      OffsetDelete: '0-0',
      DescribeCluster: '0-1',
      DescribeProducers: '0-0',
      DescribeTransactions: '0-0',
      ListTransactions: '0-1',
      ConsumerGroupHeartbeat: '0-1',
      ConsumerGroupDescribe: '0-1',
      DescribeTopicPartitions: '0-0',
    });
    const keys = advertisedApis().map((a) => a.apiKey);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(keys).not.toContain(ApiKey.SaslHandshake);
  });

  it('serves SaslHandshake without advertising it', () => {
    const sasl = routeTable()[ApiKey.SaslHandshake];
    expect(sasl?.advertised).toBe(false);
    expect(servedVersions(routeTable())[ApiKey.SaslHandshake]).toEqual({ min: 0, max: 1 });
  });

  it('serves every API it has schemas for, within the schema versions, one module per key', () => {
    const table = routeTable();
    expect(BROKER_APIS.map((a) => a.key).sort((a, b) => a - b)).toEqual(
      knownApis.filter((a) => !CLIENT_ONLY_API_KEYS.has(a.key)).map((a) => a.key),
    );
    for (const a of BROKER_APIS) {
      expect(apiSchemas(a.key)?.name).toBe(a.name);
      expect(a.versions.min).toBeGreaterThanOrEqual(schemaVersions[a.key]!.min);
      expect(a.versions.max).toBeLessThanOrEqual(schemaVersions[a.key]!.max);
      expect(table[a.key]).toBe(a);
    }
    expect(() => routeTable([...BROKER_APIS, BROKER_APIS[0]])).toThrow(/two modules/);
  });

  it('refuses a module that claims versions its schema lacks', () => {
    const handle = () => ({ throttleTimeMs: 0, errorCode: 0 });
    expect(() => brokerApi(Apis.Heartbeat, { versions: '0-5', handle })).toThrow(/not within 0-4/);
    expect(() => brokerApi(Apis.Heartbeat, { versions: '1+', handle })).toThrow(/not within/);
    expect(brokerApi(Apis.Heartbeat, { versions: '1-3', handle }).versions).toEqual({ min: 1, max: 3 });
  });
});
