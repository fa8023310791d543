/**
 * Durable coordinator state: every state change of a transactional id is one JSON line in
 * `transactions.log`, written synchronously before the client is answered, so a kill -9 loses
 * nothing acknowledged. The log is folded into `transactions.snapshot.json` every
 * `compactAfterRecords` records. Records hold whole values, so replaying a log over a snapshot
 * that already has it is harmless (a crash between the snapshot's rename and the truncation).
 *
 * Kafka keeps the same records in its internal `__transaction_state` topic; a file is enough for
 * one node and keeps the sandbox's data directory readable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../util/atomic-file.js';
import type { PersistedTxn } from './state.js';

export const TXN_LOG_FILE = 'transactions.log';
export const TXN_SNAPSHOT_FILE = 'transactions.snapshot.json';
const FORMAT = 'samsa-transactions';
const VERSION = 1;

type TxnLogRecord = { op: 'txn'; txn: PersistedTxn } | { op: 'drop'; id: string };

function isRecord(v: unknown): v is TxnLogRecord {
  const r = v as { op?: unknown; txn?: { id?: unknown }; id?: unknown } | null;
  if (typeof r !== 'object' || r === null) return false;
  return (r.op === 'txn' && typeof r.txn?.id === 'string') || (r.op === 'drop' && typeof r.id === 'string');
}

export interface TxnLogOptions {
  fsync?: boolean;
  compactAfterRecords?: number;
  warn?: (message: string) => void;
}

export class TxnLog {
  private fd: number | null = null;
  private records = 0;
  private readonly logPath: string;
  private readonly snapshotPath: string;
  private readonly warn: (message: string) => void;

  constructor(
    readonly dir: string,
    private readonly opts: TxnLogOptions = {},
  ) {
    this.logPath = path.join(dir, TXN_LOG_FILE);
    this.snapshotPath = path.join(dir, TXN_SNAPSHOT_FILE);
    this.warn = opts.warn ?? (() => {});
  }

  /** Reads snapshot and log (cutting a torn last line), then opens the log for appending. */
  load(): Map<string, PersistedTxn> {
    fs.mkdirSync(this.dir, { recursive: true });
    const state = new Map<string, PersistedTxn>();
    this.readSnapshot(state);
    this.replay(state);
    this.fd = fs.openSync(this.logPath, 'a');
    return state;
  }

  append(rec: TxnLogRecord): void {
    if (this.fd === null) throw new Error('transaction log is not open');
    const buf = Buffer.from(JSON.stringify(rec) + '\n', 'utf8');
    let written = 0;
    while (written < buf.length) written += fs.writeSync(this.fd, buf, written, buf.length - written);
    if (this.opts.fsync) fs.fsyncSync(this.fd);
    this.records++;
  }

  needsCompaction(): boolean {
    return this.records >= Math.max(1, this.opts.compactAfterRecords ?? 10_000);
  }

  /** Writes the whole state as the new snapshot, then empties the log. */
  compact(txns: Iterable<PersistedTxn>): void {
    if (this.fd === null) return;
    writeFileAtomic(this.snapshotPath, JSON.stringify({ format: FORMAT, version: VERSION, txns: [...txns] }));
    fs.ftruncateSync(this.fd, 0);
    if (this.opts.fsync) fs.fsyncSync(this.fd);
    this.records = 0;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private readSnapshot(state: Map<string, PersistedTxn>): void {
    let text: string;
    try {
      text = fs.readFileSync(this.snapshotPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    try {
      const body = JSON.parse(text) as { format?: string; version?: number; txns?: PersistedTxn[] };
      if (body.format !== FORMAT || body.version !== VERSION || !Array.isArray(body.txns))
        throw new Error(`unsupported snapshot ${String(body.format)} v${String(body.version)}`);
      for (const t of body.txns) state.set(t.id, t);
    } catch (e) {
      // Written by rename, so this is outside damage: keep it for inspection and go on with the log.
      const aside = `${this.snapshotPath}.corrupt-${Date.now()}`;
      fs.renameSync(this.snapshotPath, aside);
      state.clear();
      this.warn(`transaction snapshot unreadable (${(e as Error).message}); moved to ${aside}`);
    }
  }

  private replay(state: Map<string, PersistedTxn>): void {
    let data: Buffer;
    try {
      data = fs.readFileSync(this.logPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    let pos = 0;
    let goodEnd = 0;
    while (pos < data.length) {
      const nl = data.indexOf(0x0a, pos);
      const end = nl === -1 ? data.length : nl;
      let rec: unknown;
      try {
        rec = JSON.parse(data.toString('utf8', pos, end));
      } catch {
        rec = undefined;
      }
      if (isRecord(rec)) {
        if (rec.op === 'txn') state.set(rec.txn.id, rec.txn);
        else state.delete(rec.id);
        this.records++;
        goodEnd = nl === -1 ? data.length : nl + 1;
      } else if (nl !== -1 && end > pos) {
        this.warn(`skipping unreadable transaction log line at byte ${pos}`);
        goodEnd = nl + 1;
      } else if (nl !== -1) goodEnd = nl + 1;
      if (nl === -1) break;
      pos = nl + 1;
    }
    if (goodEnd < data.length) {
      this.warn(`ignoring torn tail of ${data.length - goodEnd} bytes in ${this.logPath}`);
      fs.truncateSync(this.logPath, goodEnd);
    } else if (goodEnd > 0 && data[goodEnd - 1] !== 0x0a) fs.appendFileSync(this.logPath, '\n');
  }
}
