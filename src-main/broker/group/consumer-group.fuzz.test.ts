/**
 * Property test of KIP-848 consumer groups: random members join, heartbeat, leave, lose answers,
 * misbehave (wrong epochs, made-up owned partitions), topics grow, time passes past session
 * timeouts and the coordinator restarts. Whatever happens: no partition is ever owned by two
 * well-behaved consumers at once, epochs stay ordered, and once the chaos stops the group settles
 * with every partition assigned. Replay a failure with FUZZ_SEED=<printed seed>.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { cgReq, fakeTopics, harness, type Harness } from '../testing/group-harness.js';
import { createRng, seedFromEnv, type Rng } from '../testing/robustness/prng.js';
import type { ConsumerHeartbeatResponse } from './consumer-types.js';

interface Client {
  id: string;
  epoch: number;
  /** topic id hex → partitions, as the consumer believes it owns them. */
  owned: Map<string, number[]>;
  joined: boolean;
  honest: boolean;
  topics: string[];
}

const wire = (owned: Map<string, number[]>) =>
  [...owned].map(([t, ps]) => ({ topicId: Buffer.from(t, 'hex'), partitions: [...ps] }));

let h: Harness;
afterEach(() => h?.cleanup());

async function run(seed: number, steps: number): Promise<void> {
  const rng: Rng = createRng(seed);
  const topics = fakeTopics({ a: 5, b: 3 });
  h = harness({ topics });
  const clients: Client[] = Array.from({ length: 5 }, (_, i) => ({
    id: `m${i}`,
    epoch: 0,
    owned: new Map(),
    joined: false,
    honest: i < 4,
    topics: rng.chance(0.7) ? ['a', 'b'] : ['a'],
  }));
  const apply = (c: Client, r: ConsumerHeartbeatResponse) => {
    if (r.errorCode !== ErrorCode.NONE) {
      // FENCED / UNKNOWN_MEMBER_ID and the like: a consumer gives everything up and joins again.
      c.joined = false;
      c.epoch = 0;
      c.owned = new Map();
      return;
    }
    c.joined = r.memberEpoch >= 0;
    c.epoch = Math.max(r.memberEpoch, 0);
    if (r.memberEpoch < 0) c.owned = new Map();
    if (r.assignment)
      c.owned = new Map(r.assignment.topicPartitions.map((t) => [t.topicId.toString('hex'), t.partitions]));
  };
  const heartbeat = (c: Client, full: boolean) =>
    h.gc.consumerGroupHeartbeat(
      cgReq({
        memberId: c.id,
        memberEpoch: c.joined ? c.epoch : 0,
        subscribedTopicNames: full || !c.joined ? c.topics : null,
        rebalanceTimeoutMs: full || !c.joined ? 20_000 : -1,
        topicPartitions: !c.joined ? [] : full ? wire(c.owned) : null,
        serverAssignor: rng.chance(0.1) ? rng.pick(['uniform', 'range']) : null,
      }),
    );

  for (let step = 0; step < steps; step++) {
    const c = rng.pick(clients);
    const roll = rng.next();
    if (roll < 0.55) apply(c, heartbeat(c, rng.chance(0.6)));
    else if (roll < 0.6 && c.joined)
      apply(c, h.gc.consumerGroupHeartbeat(cgReq({ memberId: c.id, memberEpoch: -1, topicPartitions: null })));
    else if (roll < 0.65)
      heartbeat(c, true); // the answer is lost on the way
    else if (roll < 0.72 && !c.honest) {
      // A confused consumer: any epoch, partitions it never got.
      h.gc.consumerGroupHeartbeat(
        cgReq({
          memberId: c.id,
          memberEpoch: rng.int(-2, 9),
          topicPartitions: wire(new Map([[topics.idOf('a'), [rng.int(0, 6)]]])),
        }),
      );
    } else if (roll < 0.75) topics.set('b', Math.min(8, (topics.byName('b')?.partitions ?? 3) + 1));
    else if (roll < 0.8) await h.clock.advance(rng.pick([1000, 5000, 25_000, 50_000]));
    else if (roll < 0.82) h.reopen();
    else if (c.joined) apply(c, heartbeat(c, true));

    // Safety: no partition owned by two honest consumers that are still members.
    const members = new Set(h.gc.describeConsumerGroup('cg').members.map((m) => m.memberId));
    const owners = new Map<string, string>();
    for (const cl of clients) {
      if (!cl.honest || !cl.joined || !members.has(cl.id)) continue;
      for (const [t, ps] of cl.owned) {
        for (const p of ps) {
          const key = `${t}:${p}`;
          expect(
            owners.get(key),
            `seed ${seed} step ${step}: ${key} owned by ${owners.get(key)} and ${cl.id}`,
          ).toBeUndefined();
          owners.set(key, cl.id);
        }
      }
    }
    const d = h.gc.describeConsumerGroup('cg');
    if (d.errorCode === 0) {
      expect(d.assignmentEpoch).toBeLessThanOrEqual(d.groupEpoch);
      for (const m of d.members) expect(m.memberEpoch).toBeLessThanOrEqual(d.groupEpoch);
    }
  }

  // Liveness: the chaos stops, the confused consumer leaves, the others heartbeat; the group settles.
  const bad = clients.find((c) => !c.honest)!;
  if (bad.joined) h.gc.consumerGroupHeartbeat(cgReq({ memberId: bad.id, memberEpoch: -1, topicPartitions: null }));
  await h.clock.advance(60_000); // whoever else stayed silent is fenced
  for (let round = 0; round < 8; round++) for (const c of clients.filter((x) => x.honest)) apply(c, heartbeat(c, true));
  const d = h.gc.describeConsumerGroup('cg');
  expect(d.groupState, `seed ${seed}`).toBe('Stable');
  const total = topics.byName('a')!.partitions + topics.byName('b')!.partitions;
  const assigned = d.members.flatMap((m) =>
    m.assignment.topicPartitions.flatMap((t) => t.partitions.map((p) => `${t.topicName}:${p}`)),
  );
  expect(new Set(assigned).size, `seed ${seed}`).toBe(assigned.length);
  const subscribedToB = clients.some((c) => c.honest && c.topics.includes('b'));
  expect(assigned.length, `seed ${seed}`).toBe(subscribedToB ? total : topics.byName('a')!.partitions);
}

describe('consumer groups under random member behaviour', () => {
  it('never give one partition to two consumers, and settle once the chaos stops', async () => {
    const base = seedFromEnv();
    console.log(`[consumer-group fuzz] seed ${base} (replay with FUZZ_SEED=${base})`);
    for (let i = 0; i < 20; i++) {
      if (i > 0) h.cleanup();
      await run((base + i * 7919) >>> 0, 300);
    }
  }, 60_000);
});
