/**
 * 10,000 partitions under a 4,096-descriptor limit (`ulimit -n 4096`), the broker as its own
 * process: created, produced to and read back, with descriptors to spare for new connections.
 * Segment files are opened lazily and idle ones closed (log/file-pool.ts), so the partition count
 * is not bounded by the descriptor limit.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { ApiKey, buildBatch, ErrorCode, splitBatches } from '../../kafka-protocol/index.js';
import { tempDataDir } from '../testing/test-broker.js';
import { WireClient } from '../testing/wire-client.js';

const TOPICS = 10_000;
const FD_LIMIT = 4096;
const CLI = path.resolve('src-main/broker/cli.ts');
const dataDir = tempDataDir('samsa-many-');
let stopBroker: (() => Promise<void>) | undefined;

afterAll(async () => {
  await stopBroker?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const names = Array.from({ length: TOPICS }, (_, i) => `many-${String(i).padStart(5, '0')}`);

it(`${TOPICS.toLocaleString('en')} partitions under ulimit -n ${FD_LIMIT}: created, produced to, read back`, async () => {
  const port = await freePort();
  // Node itself under the limit (not tsx's CLI, which runs the script in a grandchild), and told
  // our pid, so the broker stops with this test process whatever happens to it.
  const child = spawn(
    'bash',
    [
      '-c',
      `ulimit -n ${FD_LIMIT} && exec "$0" "$@"`,
      process.execPath,
      '--import',
      'tsx',
      CLI,
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--parent-pid',
      String(process.pid),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise((r) => child.once('exit', r));
  stopBroker = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready on')) resolve();
    });
    child.once('exit', () => reject(new Error(`broker exited: ${stderr}`)));
  });
  expect(fs.readFileSync(`/proc/${child.pid}/limits`, 'utf8')).toMatch(new RegExp(`Max open files\\s+${FD_LIMIT}`));

  const c = await WireClient.connect('127.0.0.1', port);
  try {
    for (let i = 0; i < TOPICS; i += 1000) {
      const r = await c.request(ApiKey.CreateTopics, 4, {
        topics: names.slice(i, i + 1000).map((name) => ({
          name,
          numPartitions: 1,
          replicationFactor: 1,
          assignments: [],
          configs: [],
        })),
        timeoutMs: 60_000,
        validateOnly: false,
      });
      expect(r.topics.filter((t) => t.errorCode !== ErrorCode.NONE)).toEqual([]);
    }

    for (let i = 0; i < TOPICS; i += 2500) {
      const r = await c.request(ApiKey.Produce, 8, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 60_000,
        topicData: names.slice(i, i + 2500).map((name) => ({
          name,
          partitionData: [{ index: 0, records: buildBatch({ records: [{ key: null, value: `value of ${name}` }] }) }],
        })),
      });
      const failed = r.responses.filter((t) => t.partitionResponses[0].errorCode !== ErrorCode.NONE);
      expect(failed.map((t) => `${t.name}: ${t.partitionResponses[0].errorCode}`)).toEqual([]);
    }

    // Every partition reads its one record back, in one Fetch per 2,500 topics.
    let read = 0;
    for (let i = 0; i < TOPICS; i += 2500) {
      const r = await c.request(ApiKey.Fetch, 11, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 64 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: names.slice(i, i + 2500).map((topic) => ({
          topic,
          partitions: [
            { partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 4096 },
          ],
        })),
        forgottenTopicsData: [],
        rackId: '',
      });
      for (const t of r.responses) {
        const p = t.partitions[0];
        expect(p.errorCode).toBe(ErrorCode.NONE);
        const batches = p.records ? splitBatches(p.records) : [];
        expect(batches.map((b) => b.header.baseOffset)).toEqual([0n]);
        read++;
      }
    }
    expect(read).toBe(TOPICS);

    // Descriptors to spare: a new client connects and is answered.
    const open = fs.readdirSync(`/proc/${child.pid}/fd`).length;
    expect(open).toBeLessThan(FD_LIMIT - 500);
    const other = await WireClient.connect('127.0.0.1', port);
    const meta = await other.request(ApiKey.Metadata, 9, {
      topics: [{ name: names[TOPICS - 1] }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    expect(meta.topics[0].errorCode).toBe(ErrorCode.NONE);
    other.close();
  } finally {
    c.close();
  }
  expect(stderr).not.toMatch(/EMFILE/);
}, 300_000);
