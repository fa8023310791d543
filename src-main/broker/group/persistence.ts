/**
 * Durable group state: an append-only JSON-lines log (`groups.log`) folded periodically into a
 * snapshot (`groups.snapshot.json`). Each record is written with a synchronous write before the
 * caller acknowledges, so an acknowledged commit survives kill -9 (and power loss with fsync on).
 *
 * Records hold absolute values (set offset, delete offsets, set group metadata, delete group,
 * delete topic), so replaying a log on top of a snapshot that already contains it is harmless;
 * that covers a crash between writing a snapshot and truncating the log.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../util/atomic-file.js';

export const LOG_FILE = 'groups.log';
export const SNAPSHOT_FILE = 'groups.snapshot.json';
const SNAPSHOT_FORMAT = 'samsa-groups';
const SNAPSHOT_VERSION = 1;

export interface PersistedMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  /** Metadata for the selected protocol, base64. */
  subscription: string;
  /** Assignment, base64. */
  assignment: string;
}

/** What Kafka keeps in its GroupMetadata record: written after a sync, and when a group turns Empty. */
export interface PersistedGroupMeta {
  protocolType: string | null;
  generationId: number;
  protocolName: string | null;
  leaderId: string | null;
  stateTimestamp: number;
  members: PersistedMember[];
}

/** [topic, partition, offset (decimal string), leaderEpoch, metadata, commitTimestamp] */
export type OffsetTuple = [string, number, string, number, string, number];

export type LogRecord =
  | { op: 'offsets'; group: string; offsets: OffsetTuple[] }
  | { op: 'deleteOffsets'; group: string; partitions: [string, number][] }
  | { op: 'group'; group: string; meta: PersistedGroupMeta }
  | { op: 'deleteGroup'; group: string }
  | { op: 'deleteTopic'; topic: string };

export interface PersistedGroup {
  meta: PersistedGroupMeta | null;
  offsets: OffsetTuple[];
}

interface LoadingGroup {
  meta: PersistedGroupMeta | null;
  offsets: Map<string, OffsetTuple>;
}

const offsetKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

function loadingGroup(state: Map<string, LoadingGroup>, id: string): LoadingGroup {
  let g = state.get(id);
  if (!g) state.set(id, (g = { meta: null, offsets: new Map() }));
  return g;
}

/** Applies one record to a state being rebuilt; groups with neither metadata nor offsets vanish. */
export function applyRecord(state: Map<string, LoadingGroup>, rec: LogRecord): void {
  switch (rec.op) {
    case 'offsets': {
      const g = loadingGroup(state, rec.group);
      for (const o of rec.offsets) g.offsets.set(offsetKey(o[0], o[1]), o);
      break;
    }
    case 'deleteOffsets': {
      const g = state.get(rec.group);
      if (!g) break;
      for (const [t, p] of rec.partitions) g.offsets.delete(offsetKey(t, p));
      if (!g.meta && g.offsets.size === 0) state.delete(rec.group);
      break;
    }
    case 'group':
      loadingGroup(state, rec.group).meta = rec.meta;
      break;
    case 'deleteGroup':
      state.delete(rec.group);
      break;
    case 'deleteTopic':
      for (const [id, g] of state) {
        for (const [k, o] of g.offsets) if (o[0] === rec.topic) g.offsets.delete(k);
        if (!g.meta && g.offsets.size === 0) state.delete(id);
      }
      break;
  }
}

function isRecord(v: unknown): v is LogRecord {
  if (typeof v !== 'object' || v === null) return false;
  const op = (v as { op?: unknown }).op;
  return op === 'offsets' || op === 'deleteOffsets' || op === 'group' || op === 'deleteGroup' || op === 'deleteTopic';
}

export interface GroupLogOptions {
  fsync?: boolean;
  compactAfterRecords?: number;
  /** Called for non-fatal problems found while loading (torn tail, unreadable snapshot). */
  warn?: (message: string) => void;
}

export class GroupLog {
  private fd: number | null = null;
  private recordsSinceSnapshot = 0;
  private readonly logPath: string;
  private readonly snapshotPath: string;
  private readonly fsyncEach: boolean;
  private readonly compactAfter: number;
  private readonly warn: (message: string) => void;

  constructor(
    readonly dir: string,
    opts: GroupLogOptions = {},
  ) {
    this.logPath = path.join(dir, LOG_FILE);
    this.snapshotPath = path.join(dir, SNAPSHOT_FILE);
    this.fsyncEach = opts.fsync ?? false;
    this.compactAfter = Math.max(1, opts.compactAfterRecords ?? 10_000);
    this.warn = opts.warn ?? (() => {});
  }

  /** Reads snapshot + log, cuts a torn tail off the log, and opens it for appending. */
  load(): Map<string, PersistedGroup> {
    fs.mkdirSync(this.dir, { recursive: true });
    const state = new Map<string, LoadingGroup>();
    this.readSnapshot(state);
    this.recordsSinceSnapshot = this.replayLog(state);
    this.fd = fs.openSync(this.logPath, 'a');
    const out = new Map<string, PersistedGroup>();
    for (const [id, g] of state) out.set(id, { meta: g.meta, offsets: [...g.offsets.values()] });
    return out;
  }

  append(rec: LogRecord): void {
    if (this.fd === null) throw new Error('group log is not open');
    const buf = Buffer.from(JSON.stringify(rec) + '\n', 'utf8');
    let written = 0;
    while (written < buf.length) written += fs.writeSync(this.fd, buf, written, buf.length - written);
    if (this.fsyncEach) fs.fsyncSync(this.fd);
    this.recordsSinceSnapshot++;
  }

  needsCompaction(): boolean {
    return this.recordsSinceSnapshot >= this.compactAfter;
  }

  /** Writes the full state as a new snapshot (tmp + fsync + rename), then empties the log. */
  compact(groups: Iterable<[string, PersistedGroup]>): void {
    if (this.fd === null) throw new Error('group log is not open');
    const body = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      groups: [...groups].map(([group, g]) => ({ group, meta: g.meta, offsets: g.offsets })),
    };
    writeFileAtomic(this.snapshotPath, JSON.stringify(body));
    fs.ftruncateSync(this.fd, 0);
    if (this.fsyncEach) fs.fsyncSync(this.fd);
    this.recordsSinceSnapshot = 0;
  }

  close(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }

  private readSnapshot(state: Map<string, LoadingGroup>): void {
    let text: string;
    try {
      text = fs.readFileSync(this.snapshotPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    try {
      const body = JSON.parse(text) as {
        format?: string;
        version?: number;
        groups?: { group: string; meta: PersistedGroupMeta | null; offsets: OffsetTuple[] }[];
      };
      if (body.format !== SNAPSHOT_FORMAT || body.version !== SNAPSHOT_VERSION || !Array.isArray(body.groups)) {
        throw new Error(`unsupported snapshot format ${String(body.format)} v${String(body.version)}`);
      }
      for (const g of body.groups) {
        const entry = loadingGroup(state, g.group);
        entry.meta = g.meta ?? null;
        for (const o of g.offsets) entry.offsets.set(offsetKey(o[0], o[1]), o);
      }
    } catch (e) {
      // Snapshots are written via rename, so this means outside damage: keep the file for
      // inspection and carry on with the log rather than refusing to start the broker.
      const aside = `${this.snapshotPath}.corrupt-${Date.now()}`;
      fs.renameSync(this.snapshotPath, aside);
      state.clear();
      this.warn(`group snapshot unreadable (${(e as Error).message}); moved to ${aside}`);
    }
  }

  /** Replays the log; returns the number of records read. */
  private replayLog(state: Map<string, LoadingGroup>): number {
    let data: Buffer;
    try {
      data = fs.readFileSync(this.logPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
    let pos = 0;
    let goodEnd = 0;
    let count = 0;
    while (pos < data.length) {
      const nl = data.indexOf(0x0a, pos);
      const end = nl === -1 ? data.length : nl;
      const line = data.toString('utf8', pos, end).trim();
      let rec: unknown = undefined;
      if (line.length > 0) {
        try {
          rec = JSON.parse(line);
        } catch {
          rec = undefined;
        }
      }
      if (nl === -1) {
        // No newline: the last write was cut short (kill -9 mid-append). A complete JSON
        // object without its newline is still a whole record.
        if (rec !== undefined && isRecord(rec)) {
          applyRecord(state, rec);
          count++;
          goodEnd = data.length;
        }
        break;
      }
      if (line.length > 0) {
        if (rec !== undefined && isRecord(rec)) {
          applyRecord(state, rec);
          count++;
        } else {
          this.warn(`skipping unreadable group log line at byte ${pos}`);
        }
      }
      pos = nl + 1;
      goodEnd = pos;
    }
    if (goodEnd < data.length) {
      this.warn(`ignoring torn tail of ${data.length - goodEnd} bytes in ${this.logPath}`);
      fs.truncateSync(this.logPath, goodEnd);
    } else if (goodEnd > 0 && data[goodEnd - 1] !== 0x0a) {
      // Whole record without newline: terminate it so the next append starts a fresh line.
      fs.appendFileSync(this.logPath, '\n');
    }
    return count;
  }
}
