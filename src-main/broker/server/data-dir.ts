/**
 * The broker's data directory: a single-instance lock file and the small metadata file holding the
 * cluster id and the producer id counter.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { moveAside, printable, readJson, writeJsonAtomic } from '../../util/atomic-file.js';
import { lockState, readLockOwner, tryCreateLock } from '../../util/pid-lock.js';

const LOCK_FILE = '.lock';
const META_FILE = 'meta.json';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`data directory ${dataDir} is already used by another Samsa sandbox broker (pid ${pid})`);
    this.name = 'DataDirLockedError';
  }
}

/** Brokers in this process holding a lock, so a second broker in the same process is refused too. */
const heldLocks = new Set<string>();

/**
 * Takes the lock or throws DataDirLockedError. A lock whose holder is gone is taken over: a dead
 * process, a zombie or one being torn down, or a pid that now names another process (after a
 * crash or reboot) holds nothing. `parentPid` is recorded so that the app can tell a broker it
 * started from one an app that is gone left behind.
 */
export function acquireLock(dataDir: string, parentPid: number | null = null): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const key = path.resolve(file);
  if (heldLocks.has(key)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; !tryCreateLock(file, parentPid); attempt++) {
    const owner = readLockOwner(file);
    if (attempt > 0 || (owner && owner.pid !== process.pid && lockState(owner) !== 'free'))
      throw new DataDirLockedError(dataDir, owner?.pid ?? 0);
    fs.rmSync(file, { force: true }); // stale: its holder is gone
  }
  heldLocks.add(key);
  return () => {
    heldLocks.delete(key);
    fs.rmSync(file, { force: true });
  };
}

/** Kafka's Uuid text form: 16 random bytes in unpadded base64url (22 characters). */
export function randomKafkaUuid(): Buffer {
  for (;;) {
    const b = crypto.randomBytes(16);
    // Kafka avoids ids whose text starts with '-' (awkward on command lines) and the reserved ids.
    if (b.toString('base64url').startsWith('-')) continue;
    if (b.subarray(0, 15).every((x) => x === 0) && b[15] <= 1) continue;
    return b;
  }
}

interface MetaFile {
  clusterId: string;
  nextProducerId: string;
}

function checkedClusterId(v: unknown): string {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(v))
    throw new Error('the cluster id is missing or malformed');
  return v;
}

function checkedProducerId(v: unknown): bigint {
  if (typeof v !== 'string' || !/^\d{1,18}$/.test(v))
    throw new Error('the producer id counter is missing or malformed');
  return BigInt(v);
}

/**
 * Producer ids are reserved in blocks, as Kafka's controller hands them to brokers: one durable
 * write per block instead of two fsyncs per InitProducerId. Ids left in a block when the broker
 * stops are skipped, never reused.
 */
export const PRODUCER_ID_BLOCK_SIZE = 1000n;

/** Cluster id and producer id allocation, persisted in meta.json (which holds the end of the reserved block). */
export class BrokerMeta {
  private blockEnd: bigint;

  private constructor(
    private readonly file: string,
    readonly clusterId: string,
    private nextProducerId: bigint,
  ) {
    this.blockEnd = nextProducerId;
  }

  static open(dataDir: string, warn: (message: string) => void = () => {}): BrokerMeta {
    const file = path.join(dataDir, META_FILE);
    let firstProducerId = 1000n;
    try {
      const meta = readJson<MetaFile>(file);
      if (meta) return new BrokerMeta(file, checkedClusterId(meta.clusterId), checkedProducerId(meta.nextProducerId));
    } catch (e) {
      const aside = moveAside(file);
      warn(
        `${META_FILE} could not be read (${printable((e as Error).message)}); it was moved to ${path.basename(aside)} and the ` +
          'broker starts with a new cluster id. Producer ids continue far above any used before.',
      );
      // Producer state in the logs may name ids from the lost counter: start beyond any of them.
      firstProducerId = BigInt(Date.now()) * PRODUCER_ID_BLOCK_SIZE;
    }
    const created = new BrokerMeta(file, randomKafkaUuid().toString('base64url'), firstProducerId);
    created.save();
    return created;
  }

  /** The block is persisted before its first id is answered, so a restarted broker never hands out an id twice. */
  allocateProducerId(): bigint {
    if (this.nextProducerId >= this.blockEnd) {
      const end = this.nextProducerId + PRODUCER_ID_BLOCK_SIZE;
      this.save(end);
      this.blockEnd = end;
    }
    return this.nextProducerId++;
  }

  private save(reservedUpTo = this.nextProducerId): void {
    writeJsonAtomic(this.file, {
      clusterId: this.clusterId,
      nextProducerId: reservedUpTo.toString(),
    } satisfies MetaFile);
  }
}
