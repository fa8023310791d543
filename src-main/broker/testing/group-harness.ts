/** Shared setup for the group coordinator tests (src-main/broker/group/*.test.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCoordinator } from '../group/coordinator.js';
import { FakeClock, flush } from './fake-clock.js';
import type { ConsumerHeartbeatRequest, GroupTopics } from '../group/consumer-types.js';
import type { GroupCoordinatorOptions, JoinGroupRequest, JoinGroupResponse, SyncGroupRequest } from '../group/types.js';

export const INITIAL_DELAY = 100;

export interface Harness {
  clock: FakeClock;
  dir: string;
  gc: GroupCoordinator;
  reopen(extra?: Partial<GroupCoordinatorOptions>): GroupCoordinator;
  cleanup(): void;
}

export interface PerTestHarness extends Harness {
  /** Cleans up this test's harness and starts another with these options. */
  replace(extra: Partial<GroupCoordinatorOptions>): void;
}

/**
 * Call at the top of a test file: a fresh harness for each test, cleaned up after it. The object
 * returned reads through to the current test's harness, so helpers take it as they take a Harness.
 */
export function useHarness(): PerTestHarness {
  let cur: Harness | null = null;
  const now = (): Harness => {
    if (!cur) throw new Error('The group harness exists only while a test runs.');
    return cur;
  };
  beforeEach(() => {
    cur = harness();
  });
  afterEach(() => {
    cur?.cleanup();
    cur = null;
  });
  return {
    get clock() {
      return now().clock;
    },
    get dir() {
      return now().dir;
    },
    get gc() {
      return now().gc;
    },
    set gc(gc: GroupCoordinator) {
      now().gc = gc;
    },
    reopen: (more) => now().reopen(more),
    cleanup: () => now().cleanup(),
    replace(extra) {
      now().cleanup();
      cur = harness(extra);
    },
  };
}

export function harness(extra: Partial<GroupCoordinatorOptions> = {}, dir?: string): Harness {
  const clock = new FakeClock();
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'samsa-groups-'));
  const make = (more: Partial<GroupCoordinatorOptions> = {}): GroupCoordinator =>
    new GroupCoordinator({
      dataDir,
      initialRebalanceDelayMs: INITIAL_DELAY,
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      ...extra,
      ...more,
    });
  const h: Harness = {
    clock,
    dir: dataDir,
    gc: make(),
    reopen(more) {
      h.gc.close();
      h.gc = make(more);
      return h.gc;
    },
    cleanup() {
      h.gc.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export function joinReq(over: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: encodeSubscription(['a']) }],
    clientId: 'client',
    clientHost: '/127.0.0.1',
    apiVersion: 9,
    ...over,
  };
}

export function syncReq(
  over: Partial<SyncGroupRequest> & { memberId: string; generationId: number },
): SyncGroupRequest {
  return {
    groupId: 'g',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: [],
    ...over,
  };
}

/** Tracks whether a long-poll promise has settled, without awaiting it. */
export function track<T>(p: Promise<T>): {
  readonly done: boolean;
  readonly value: T | undefined;
  promise: Promise<T>;
} {
  const s = { done: false, value: undefined as T | undefined, promise: p };
  void p.then((v) => {
    s.done = true;
    s.value = v;
  });
  return s;
}

/** MEMBER_ID_REQUIRED round trip (v4+): returns the parked second join. */
export async function joinNew(
  h: Harness,
  over: Partial<JoinGroupRequest> = {},
): Promise<{ memberId: string; pending: ReturnType<typeof track<JoinGroupResponse>> }> {
  const first = await h.gc.joinGroup(joinReq(over));
  if (first.errorCode !== 79) throw new Error(`expected MEMBER_ID_REQUIRED, got ${first.errorCode}`);
  const pending = track(h.gc.joinGroup(joinReq({ ...over, memberId: first.memberId })));
  await flush();
  return { memberId: first.memberId, pending };
}

/** One member through join + sync to a Stable group; returns its id and generation. */
export async function stableSingle(
  h: Harness,
  over: Partial<JoinGroupRequest> = {},
  assignment = Buffer.from('A'),
): Promise<{ memberId: string; generationId: number }> {
  // Static members get their id at once; dynamic ones go through MEMBER_ID_REQUIRED.
  const { pending } = over.groupInstanceId ? { pending: track(h.gc.joinGroup(joinReq(over))) } : await joinNew(h, over);
  await h.clock.advance(INITIAL_DELAY);
  const memberId = pending.value?.memberId ?? '';
  const j = await pending.promise;
  if (j.errorCode !== 0) throw new Error(`join failed ${j.errorCode}`);
  const s = await h.gc.syncGroup(
    syncReq({
      groupId: over.groupId ?? 'g',
      memberId,
      generationId: j.generationId,
      assignments: [{ memberId, assignment }],
    }),
  );
  if (s.errorCode !== 0) throw new Error(`sync failed ${s.errorCode}`);
  return { memberId, generationId: j.generationId };
}

/** Encodes a V0 consumer subscription (ConsumerProtocolSubscription), as a Java or kafkajs consumer sends it. */
export function encodeSubscription(topics: string[], userData: Buffer | null = null): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(6);
  head.writeInt16BE(0, 0);
  head.writeInt32BE(topics.length, 2);
  parts.push(head);
  for (const t of topics) {
    const s = Buffer.from(t, 'utf8');
    const l = Buffer.alloc(2);
    l.writeInt16BE(s.length, 0);
    parts.push(l, s);
  }
  const u = Buffer.alloc(4);
  u.writeInt32BE(userData ? userData.length : -1, 0);
  parts.push(u);
  if (userData) parts.push(userData);
  return Buffer.concat(parts);
}

/** Topics for consumer group tests: name → partition count; ids are derived from the names. */
export function fakeTopics(initial: Record<string, number>): GroupTopics & {
  set(name: string, partitions: number): void;
  remove(name: string): void;
  idOf(name: string): string;
} {
  const parts = new Map(Object.entries(initial));
  const idOf = (name: string) => Buffer.from(name.padEnd(16, '_').slice(0, 16)).toString('hex');
  const topic = (name: string) =>
    parts.has(name) ? { name, id: idOf(name), partitions: parts.get(name)! } : undefined;
  return {
    byName: topic,
    byId: (id) => [...parts.keys()].map(topic).find((t) => t?.id === id),
    all: () => [...parts.keys()].map((n) => topic(n)!),
    set: (name, n) => void parts.set(name, n),
    remove: (name) => void parts.delete(name),
    idOf,
  };
}

/** A ConsumerGroupHeartbeat request with Kafka 4 client defaults (v1: the member brings its id). */
export function cgReq(over: Partial<ConsumerHeartbeatRequest> = {}): ConsumerHeartbeatRequest {
  return {
    groupId: 'cg',
    memberId: 'm1',
    memberEpoch: 0,
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: 30_000,
    subscribedTopicNames: ['a'],
    subscribedTopicRegex: null,
    serverAssignor: null,
    topicPartitions: [],
    clientId: 'client',
    clientHost: '/127.0.0.1',
    apiVersion: 1,
    ...over,
  };
}
