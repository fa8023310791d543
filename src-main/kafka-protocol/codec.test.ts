import { describe, expect, it } from 'vitest';
import {
  ApiKey,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  encodeResponseChunks,
  decodeRequestOf,
  encodeApiVersionsFallback,
  knownApis,
  peekRequestHeader,
  ProtocolDecodeError,
  ProtocolEncodeError,
  schemaVersions,
  UnknownApiError,
  UnsupportedVersionError,
  type RequestHeader,
} from './index.js';
import { planFor } from './plan.js';
import { inVersions } from './schema.js';
import { sample } from './testing/samples.js';

function versionsToTest(min: number, max: number, flexibleVersions: string): number[] {
  const set = new Set([min, max]);
  for (let v = min; v <= max; v++) {
    // the flexible boundary, plus everything else: versions are few and the test is fast
    if (inVersions(flexibleVersions, v) !== inVersions(flexibleVersions, v - 1)) set.add(v - 1).add(v);
    set.add(v);
  }
  return [...set].filter((v) => v >= min && v <= max).sort((a, b) => a - b);
}

const header = (apiKey: number, apiVersion: number): RequestHeader => ({
  apiKey,
  apiVersion,
  correlationId: 4242,
  clientId: 'samsa-test',
});

describe('every API round-trips its request and response at every supported version', () => {
  for (const api of knownApis) {
    const { min, max } = schemaVersions[api.key]!;
    for (const v of versionsToTest(min, max, api.request.flexibleVersions)) {
      it(`${api.name} v${v}`, () => {
        const reqBody = sample(planFor(api.request, v));
        const reqFrame = encodeRequest(header(api.key, v), reqBody);
        expect(reqFrame.readInt32BE(0)).toBe(reqFrame.length - 4);
        const decoded = decodeRequest(reqFrame.subarray(4));
        expect(decoded.header).toEqual(header(api.key, v));
        expect(decoded.body).toEqual(reqBody);

        const resBody = sample(planFor(api.response, v));
        const resFrame = encodeResponse(header(api.key, v), resBody);
        expect(resFrame.readInt32BE(0)).toBe(resFrame.length - 4);
        const res = decodeResponse(api.key, v, resFrame.subarray(4));
        expect(res.correlationId).toBe(4242);
        expect(res.body).toEqual(resBody);
      });
    }
  }
});

describe('headers', () => {
  it('uses request header v2 (tagged fields) for flexible versions and v1 otherwise', () => {
    const v1 = encodeRequest(header(ApiKey.Metadata, 8), { topics: null });
    const v2 = encodeRequest(header(ApiKey.Metadata, 9), { topics: null });
    // size(4) apiKey(2) version(2) corr(4) clientId(2+10)
    const afterClientId = 4 + 2 + 2 + 4 + 2 + 'samsa-test'.length;
    expect(v1.readInt32BE(afterClientId)).toBe(-1); // v8 body: classic null array right away
    expect(v2[afterClientId]).toBe(0); // v9: empty header tagged-field section first
    expect(v2[afterClientId + 1]).toBe(0); // then compact null array
  });

  it('keeps clientId as a classic nullable string in header v2, and accepts a null clientId', () => {
    const h = { apiKey: ApiKey.ApiVersions, apiVersion: 3, correlationId: 7, clientId: null };
    const frame = encodeRequest(h, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    expect(frame.readInt16BE(12)).toBe(-1);
    expect(peekRequestHeader(frame.subarray(4))).toEqual(h);
    expect(decodeRequest(frame.subarray(4)).body).toEqual({ clientSoftwareName: 'x', clientSoftwareVersion: '1' });
  });

  it('uses response header v1 for flexible versions, v0 otherwise', () => {
    const flex = encodeResponse(header(ApiKey.Heartbeat, 4), { errorCode: 0 });
    const classic = encodeResponse(header(ApiKey.Heartbeat, 3), { errorCode: 0 });
    // size + corr + tag section + throttle + error + body tag section
    expect(flex.length).toBe(4 + 4 + 1 + 4 + 2 + 1);
    expect(classic.length).toBe(4 + 4 + 4 + 2);
  });

  it('always uses response header v0 for ApiVersions, even v3', () => {
    const body = { errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 9 }], throttleTimeMs: 0 };
    const frame = encodeResponse(header(ApiKey.ApiVersions, 3), body);
    // corr(4) then immediately the error code: no header tagged-field byte
    expect(frame.readInt16BE(8)).toBe(0);
    expect(frame[10]).toBe(2); // compact array length 1+1
    expect(decodeResponse(ApiKey.ApiVersions, 3, frame.subarray(4)).body.apiKeys).toEqual(body.apiKeys);
  });

  it('answers an ApiVersions request at an unsupported version in v0 (KIP-511)', () => {
    const body = { errorCode: 35, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }] };
    const frame = encodeResponse(header(ApiKey.ApiVersions, 4), body);
    const decoded = decodeResponse(ApiKey.ApiVersions, 0, frame.subarray(4));
    expect(decoded.body).toEqual({
      ...body,
      throttleTimeMs: 0,
      supportedFeatures: [],
      finalizedFeaturesEpoch: -1n,
      finalizedFeatures: [],
      zkMigrationReady: false,
    });
  });
});

describe('KIP-511 on both sides', () => {
  const body = { errorCode: 35, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 2 }], throttleTimeMs: 0 };

  it('encodes the fallback answer in v0, with header v0', () => {
    const frame = encodeApiVersionsFallback(7, body);
    expect(frame).toEqual(encodeResponse({ ...header(ApiKey.ApiVersions, 0), correlationId: 7 }, body));
    expect(frame.readInt32BE(4)).toBe(7);
    expect(frame.readInt16BE(8)).toBe(35);
  });

  it('decodes an UNSUPPORTED_VERSION answer as v0 whatever version was asked', () => {
    const frame = encodeApiVersionsFallback(7, body).subarray(4);
    for (const v of [0, 1, 2, 3]) {
      const decoded = decodeResponse(ApiKey.ApiVersions, v, frame);
      expect(decoded.correlationId).toBe(7);
      expect(decoded.body.errorCode).toBe(35);
      expect(decoded.body.apiKeys).toEqual(body.apiKeys);
    }
  });
});

describe('version and api errors', () => {
  it('decodeRequestOf refuses a frame of another api', () => {
    const frame = encodeRequest(header(ApiKey.Heartbeat, 0), { groupId: 'g', generationId: 1, memberId: 'm' });
    expect(decodeRequestOf(ApiKey.Heartbeat, frame.subarray(4)).body.memberId).toBe('m');
    expect(() => decodeRequestOf(ApiKey.JoinGroup, frame.subarray(4))).toThrow(ProtocolDecodeError);
  });

  it('accepts only the versions of the table it is given', () => {
    const frame = encodeRequest(header(ApiKey.Heartbeat, 3), { groupId: 'g', generationId: 1, memberId: 'm' });
    const narrow: Array<{ min: number; max: number } | undefined> = [];
    narrow[ApiKey.Heartbeat] = { min: 0, max: 2 };
    expect(() => decodeRequest(frame.subarray(4), narrow)).toThrow(UnsupportedVersionError);
    expect(() => decodeRequest(frame.subarray(4), [])).toThrow(UnknownApiError);
    expect(decodeRequest(frame.subarray(4)).body.memberId).toBe('m');
  });

  it('throws UnsupportedVersionError with the header for a known api at an unknown version', () => {
    const frame = Buffer.alloc(12);
    frame.writeInt16BE(ApiKey.ApiVersions, 0);
    frame.writeInt16BE(4, 2);
    frame.writeInt32BE(99, 4);
    frame.writeInt16BE(2, 8);
    frame.write('id', 10);
    try {
      decodeRequest(frame);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedVersionError);
      expect((e as UnsupportedVersionError).header).toEqual({
        apiKey: 18,
        apiVersion: 4,
        correlationId: 99,
        clientId: 'id',
      });
    }
  });

  it('throws UnknownApiError with the header for an unknown api key', () => {
    const frame = Buffer.alloc(10);
    frame.writeInt16BE(999, 0);
    frame.writeInt16BE(0, 2);
    frame.writeInt32BE(5, 4);
    frame.writeInt16BE(-1, 8);
    expect(() => decodeRequest(frame)).toThrow(UnknownApiError);
    try {
      decodeRequest(frame);
    } catch (e) {
      expect((e as UnknownApiError).header.correlationId).toBe(5);
    }
  });

  it('throws ProtocolDecodeError for a header too short to read', () => {
    expect(() => peekRequestHeader(Buffer.alloc(5))).toThrow(ProtocolDecodeError);
    expect(() => decodeRequest(Buffer.from([0, 3, 0, 1, 0, 0, 0, 1, 0, 9, 0x61]))).toThrow(ProtocolDecodeError);
  });

  it('refuses to encode null into a non-nullable field, naming the field', () => {
    expect(() => encodeResponse(header(ApiKey.Metadata, 1), { topics: [{ name: null, partitions: [] }] })).toThrow(
      /Name/,
    );
    expect(() => encodeResponse(header(ApiKey.Metadata, 1), { brokers: null })).toThrow(ProtocolEncodeError);
  });
});

describe('the API registry', () => {
  it('holds the transcribed version ranges, one schema pair per key', () => {
    const ranges = Object.fromEntries(
      knownApis.map((a) => [a.name, `${schemaVersions[a.key]!.min}-${schemaVersions[a.key]!.max}`]),
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
      SaslHandshake: '0-1',
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
      DescribeLogDirs: '0-4',
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
    for (const a of knownApis) {
      expect(ApiKey[a.name]).toBe(a.key);
      expect([a.request.apiKey, a.response.apiKey]).toEqual([a.key, a.key]);
    }
  });
});

describe('defaults and field handling', () => {
  it('fills fields absent from the version with their defaults when decoding', () => {
    const frame = encodeRequest(header(ApiKey.Metadata, 0), { topics: [{ name: 't' }] });
    const { body } = decodeRequest(frame.subarray(4));
    expect(body).toEqual({
      topics: [{ topicId: Buffer.alloc(16), name: 't' }],
      allowAutoTopicCreation: true,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
  });

  it('lets handlers omit fields: numbers 0, int64 0n, strings "", arrays [], nullable null, explicit defaults', () => {
    const frame = encodeResponse(header(ApiKey.Produce, 8), {
      responses: [{ name: 't', partitionResponses: [{ index: 0 }] }],
    });
    const { body } = decodeResponse(ApiKey.Produce, 8, frame.subarray(4));
    expect(body.responses[0].partitionResponses[0]).toEqual({
      index: 0,
      errorCode: 0,
      baseOffset: 0n,
      logAppendTimeMs: -1n,
      logStartOffset: -1n,
      recordErrors: [],
      errorMessage: null,
    });
    expect(body.throttleTimeMs).toBe(0);
  });

  it('accepts numbers for int64 fields and a list of buffers for records', () => {
    const a = Buffer.from('batch-a');
    const b = Buffer.from('batch-b');
    const body = {
      responses: [{ topic: 't', partitions: [{ partitionIndex: 1, highWatermark: 10, records: [a, b] }] }],
    };
    for (const v of [11, 12]) {
      const frame = encodeResponse(header(ApiKey.Fetch, v), body);
      const p = decodeResponse(ApiKey.Fetch, v, frame.subarray(4)).body.responses[0].partitions[0];
      expect(p.highWatermark).toBe(10n);
      expect(p.records).toEqual(Buffer.concat([a, b]));
      expect(p.abortedTransactions).toBeNull();
    }
  });

  it('encodeResponseChunks leaves large record runs uncopied and equals encodeResponse byte for byte', () => {
    const big = [Buffer.alloc(40_000, 1), Buffer.alloc(100, 2), Buffer.alloc(20_000, 3)];
    const body = {
      responses: [
        { topic: 'a', partitions: [{ partitionIndex: 0, highWatermark: 3n, records: big }] },
        // Enough small fields after the splices that the writer grows its buffer once more.
        { topic: 'b'.repeat(600), partitions: [{ partitionIndex: 1, highWatermark: 4n, records: big[0] }] },
      ],
    };
    for (const v of [4, 11, 12]) {
      const chunks = encodeResponseChunks(header(ApiKey.Fetch, v), body, 16 * 1024);
      expect(chunks).toContain(big[0]);
      expect(chunks).toContain(big[2]);
      expect(chunks).not.toContain(big[1]); // small runs are copied in
      expect(Buffer.concat(chunks)).toEqual(encodeResponse(header(ApiKey.Fetch, v), body));
    }
  });

  it('decodes records as a view on the frame (no copy)', () => {
    const records = Buffer.alloc(1000, 7);
    const frame = encodeRequest(header(ApiKey.Produce, 9), {
      acks: -1,
      timeoutMs: 1000,
      topicData: [{ name: 't', partitionData: [{ index: 0, records }] }],
    }).subarray(4);
    const got = decodeRequestOf(ApiKey.Produce, frame).body.topicData[0].partitionData[0].records!;
    expect(got).toEqual(records);
    expect(got.buffer).toBe(frame.buffer);
  });

  it('writes tagged fields only when they differ from their defaults, and reads them back', () => {
    const p = { partitionIndex: 0, highWatermark: 5n, records: null };
    const plain = encodeResponse(header(ApiKey.Fetch, 12), { responses: [{ topic: 't', partitions: [p] }] });
    const tagged = encodeResponse(header(ApiKey.Fetch, 12), {
      responses: [{ topic: 't', partitions: [{ ...p, currentLeader: { leaderId: 1, leaderEpoch: 3 } }] }],
    });
    // tag 1: tag(1) size(1) + leaderId(4) + leaderEpoch(4) + struct tag section(1)
    expect(tagged.length - plain.length).toBe(2 + 9);
    const dp = decodeResponse(ApiKey.Fetch, 12, tagged.subarray(4)).body.responses[0].partitions[0];
    expect(dp.currentLeader).toEqual({ leaderId: 1, leaderEpoch: 3 });
    expect(dp.divergingEpoch).toEqual({ epoch: -1, endOffset: -1n });
  });

  it('skips unknown tagged fields in requests', () => {
    const frame = encodeRequest(header(ApiKey.Heartbeat, 4), { groupId: 'g', generationId: 1, memberId: 'm' }).subarray(
      4,
    );
    // Replace the empty body tag section (last byte) with one unknown tag 9 carrying 3 bytes.
    const patched = Buffer.concat([frame.subarray(0, frame.length - 1), Buffer.from([1, 9, 3, 1, 2, 3])]);
    expect(decodeRequest(patched).body).toEqual({
      groupId: 'g',
      generationId: 1,
      memberId: 'm',
      groupInstanceId: null,
    });
  });
});

describe('nullable structs', () => {
  it('writes the marker byte Kafka writes (-1 null, 1 present) and reads both back', () => {
    const v = 0;
    const absent = encodeResponse(header(ApiKey.ConsumerGroupHeartbeat, v), {
      throttleTimeMs: 0,
      errorCode: 0,
      memberEpoch: 3,
      heartbeatIntervalMs: 5000,
      assignment: null,
    });
    // size, correlation id, header tagged fields, throttle, error, message (null), member id (null), epoch, interval, marker
    expect(absent.readInt8(4 + 4 + 1 + 4 + 2 + 1 + 1 + 4 + 4)).toBe(-1);
    expect(decodeResponse(ApiKey.ConsumerGroupHeartbeat, v, absent.subarray(4)).body.assignment).toBeNull();
    const present = encodeResponse(header(ApiKey.ConsumerGroupHeartbeat, v), {
      throttleTimeMs: 0,
      errorCode: 0,
      memberEpoch: 3,
      heartbeatIntervalMs: 5000,
      assignment: { topicPartitions: [{ topicId: Buffer.alloc(16, 7), partitions: [0, 2] }] },
    });
    expect(present.readInt8(4 + 4 + 1 + 4 + 2 + 1 + 1 + 4 + 4)).toBe(1);
    expect(decodeResponse(ApiKey.ConsumerGroupHeartbeat, v, present.subarray(4)).body.assignment).toEqual({
      topicPartitions: [{ topicId: Buffer.alloc(16, 7), partitions: [0, 2] }],
    });
  });
});
