/**
 * The broker's data directory: a single-instance lock file and the small metadata file holding the
 * cluster id and the producer id counter.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readJson, writeJsonAtomic } from '../../util/atomic-file.js';
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

/** Cluster id and producer id allocation, persisted in meta.json. */
export class BrokerMeta {
  private constructor(
    private readonly file: string,
    readonly clusterId: string,
    private nextProducerId: bigint,
  ) {}

  static open(dataDir: string): BrokerMeta {
    const file = path.join(dataDir, META_FILE);
    const meta = readJson<MetaFile>(file);
    if (meta) return new BrokerMeta(file, meta.clusterId, BigInt(meta.nextProducerId));
    const created = new BrokerMeta(file, randomKafkaUuid().toString('base64url'), 1000n);
    created.save();
    return created;
  }

  /** Persists before answering, so a restarted broker never hands out an id twice. */
  allocateProducerId(): bigint {
    const id = this.nextProducerId++;
    this.save();
    return id;
  }

  private save(): void {
    writeJsonAtomic(this.file, {
      clusterId: this.clusterId,
      nextProducerId: this.nextProducerId.toString(),
    } satisfies MetaFile);
  }
}
