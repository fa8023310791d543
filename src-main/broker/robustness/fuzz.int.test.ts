/**
 * Fuzz test: the sandbox broker (a real child process) survives >10,000 random, mutated and lying
 * frames over many concurrent connections. For every well-framed request it answers (errors are
 * fine) or drops only that connection; it never hangs one (parked long polls are answered when
 * their wait expires); its RSS stays bounded and flat across rounds; and afterwards a kafkajs client
 * can still create a topic, produce and consume. Replay a failure with FUZZ_SEED=<printed seed>.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerProcess, type BrokerProcess } from '../testing/robustness/broker-process.js';
import { gzipBomb } from '../testing/robustness/batches.js';
import { nextFrame, type FuzzTopics } from '../testing/robustness/frames.js';
import { runSession, type FrameResult, type Outcome } from '../testing/robustness/fuzz-client.js';
import { kafka, roundTrip } from '../testing/robustness/kafka-check.js';
import { createRng, seedFromEnv } from '../testing/robustness/prng.js';
import { ApiKey, encodeRequest } from '../../kafka-protocol/index.js';

const ROUNDS = 10;
const FRAMES_PER_ROUND = 1100;
const CONCURRENCY = 8;
const MB = 1024 * 1024;

const topics: FuzzTopics = { main: 'fuzz-main', compact: 'fuzz-compact', quiet: 'fuzz-quiet' };

describe('broker fuzz', () => {
  let broker: BrokerProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-fuzz-'));
    broker = await startBrokerProcess(dataDir);
    const admin = kafka(broker.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: topics.main, numPartitions: 3 },
        { topic: topics.compact, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
        { topic: topics.quiet, numPartitions: 1 },
      ],
    });
    await admin.disconnect();
  });

  afterAll(async () => {
    await broker?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives random and mutated frames', async () => {
    const seed = seedFromEnv();
    console.log(`[fuzz] seed ${seed} (replay with FUZZ_SEED=${seed})`);
    const counts: Record<string, number> = {};
    const byKind: Record<string, Partial<Record<Outcome, number>>> = {};
    const failures: FrameResult[] = [];
    const rss: number[] = [];
    let frames = 0;
    const t0 = Date.now();

    for (let round = 0; round < ROUNDS; round++) {
      let sent = 0;
      const worker = async (w: number) => {
        // One PRNG per worker and round: a worker's frame sequence reproduces from the seed.
        const rng = createRng((seed + round * 1009 + w * 7919) >>> 0);
        while (sent < FRAMES_PER_ROUND) {
          const batch = Array.from({ length: rng.int(1, 8) }, () => nextFrame(rng, topics));
          const results = await runSession(batch, {
            port: broker.port,
            graceMs: 3000,
            maxParkMs: 2000,
            lingerMs: rng.int(5, 40),
          });
          sent += results.length;
          for (const r of results) {
            counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
            const k = (byKind[r.frame.kind] ??= {});
            k[r.outcome] = (k[r.outcome] ?? 0) + 1;
            if (r.outcome === 'hang' || r.outcome === 'not-closed' || r.outcome === 'bad-response') failures.push(r);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
      frames += sent;
      expect(broker.alive(), `broker died in round ${round}\n${broker.stderr().slice(-4000)}`).toBe(true);
      rss.push(broker.rssBytes());
    }
    const secs = (Date.now() - t0) / 1000;
    console.log(`[fuzz] ${frames} frames in ${secs.toFixed(1)} s = ${(frames / secs).toFixed(0)} frames/s`);
    console.log(`[fuzz] outcomes ${JSON.stringify(counts)}`);
    console.log(`[fuzz] by kind ${JSON.stringify(byKind)}`);
    console.log(`[fuzz] RSS per round (MB) ${rss.map((b) => (b / MB).toFixed(0)).join(' ')}`);
    const errors = broker
      .stderr()
      .split('\n')
      .filter((l) => / ERROR /.test(l));
    const unique = [...new Set(errors.map((l) => l.replace(/^\S+ /, '').slice(0, 300)))];
    console.log(
      `[fuzz] broker ERROR log lines: ${errors.length} (${unique.length} distinct)\n${unique.slice(0, 15).join('\n')}`,
    );

    for (const f of failures.slice(0, 5))
      console.log(
        `[fuzz] ${f.outcome} after ${f.ms} ms: ${f.frame.kind} ${f.frame.bytes.subarray(0, 200).toString('hex')}`,
      );
    expect(frames).toBeGreaterThanOrEqual(10_000);
    expect(failures.map((f) => `${f.outcome} ${f.frame.kind}`)).toEqual([]);
    expect(Math.max(...rss)).toBeLessThan(300 * MB);
    // Flat, not creeping: the last rounds are no bigger than the early ones plus a margin for JIT/heap warm-up.
    const early = Math.max(...rss.slice(1, 4));
    const late = Math.max(...rss.slice(-3));
    expect(late).toBeLessThan(early + 40 * MB);

    const values = await roundTrip(broker.bootstrap, 'after-fuzz', 20);
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
    expect(broker.alive()).toBe(true);
  });

  // Known open issue (see report): a ~300 KiB gzip batch to a compacted topic is inflated in full
  // (up to the 256 MiB decompression cap) by the append-time key check, and the RSS stays up.
  // Runs last so the fuzz RSS figures above are not skewed by it.
  it('does not inflate a gzip bomb produced to a compacted topic in memory', async () => {
    const before = broker.rssBytes();
    const bomb = gzipBomb(300);
    const frame = encodeRequest(
      { apiKey: ApiKey.Produce, apiVersion: 7, correlationId: 1, clientId: 'bomb' },
      {
        transactionalId: null,
        acks: 1,
        timeoutMs: 1000,
        topicData: [{ name: topics.compact, partitionData: [{ index: 0, records: bomb }] }],
      },
    );
    const [r] = await runSession([{ kind: 'gzip-bomb', bytes: frame, expect: 'answer-or-close', parkMs: 0 }], {
      port: broker.port,
      graceMs: 10_000,
      maxParkMs: 0,
      lingerMs: 0,
    });
    const after = broker.rssBytes();
    console.log(
      `[fuzz] ${bomb.length} byte gzip bomb: ${r.outcome} in ${r.ms} ms, RSS ${(before / MB).toFixed(0)} -> ${(after / MB).toFixed(0)} MB`,
    );
    expect(r.outcome).toBe('answered');
    expect(after - before).toBeLessThan(64 * MB);
  });
});
