/**
 * All partition logs under one root directory, one `<topic>-<partition>` directory each (as in
 * Kafka). Topic deletion renames the directories first so a crash never leaves half a topic
 * that would be reloaded.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LogConfig } from './config.js';
import { PartitionLog } from './partition-log.js';

export interface PartitionDir {
  topic: string;
  partition: number;
  dir: string;
}

const DELETE_SUFFIX = '.deleted';

export class LogManager {
  private readonly logs = new Map<string, PartitionLog>();

  constructor(readonly rootDir: string) {
    fs.mkdirSync(rootDir, { recursive: true });
    // Finish deletions interrupted by a crash.
    for (const name of fs.readdirSync(rootDir)) {
      if (name.endsWith(DELETE_SUFFIX)) fs.rmSync(path.join(rootDir, name), { recursive: true, force: true });
    }
  }

  private static key(topic: string, partition: number): string {
    return `${topic}-${partition}`;
  }

  partitionDir(topic: string, partition: number): string {
    return path.join(this.rootDir, LogManager.key(topic, partition));
  }

  /** Open (or return the already open) log of a partition, creating its directory if needed. */
  openPartition(topic: string, partition: number, config: LogConfig): PartitionLog {
    const key = LogManager.key(topic, partition);
    const existing = this.logs.get(key);
    if (existing) {
      existing.updateConfig(config);
      return existing;
    }
    const log = PartitionLog.open(this.partitionDir(topic, partition), config);
    this.logs.set(key, log);
    return log;
  }

  getPartition(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(LogManager.key(topic, partition));
  }

  /** Open logs, keyed `<topic>-<partition>`. */
  openLogs(): Map<string, PartitionLog> {
    return new Map(this.logs);
  }

  /** Partition directories found on disk (to reload topics after a restart). */
  listPartitionDirs(): PartitionDir[] {
    const out: PartitionDir[] = [];
    for (const ent of fs.readdirSync(this.rootDir, { withFileTypes: true })) {
      if (!ent.isDirectory()) continue;
      const m = /^(.+)-(\d+)$/.exec(ent.name);
      if (!m) continue;
      out.push({ topic: m[1], partition: Number(m[2]), dir: path.join(this.rootDir, ent.name) });
    }
    return out.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  }

  /** Close and remove every partition of a topic (open or only on disk). */
  deleteTopic(topic: string): void {
    for (const [key, log] of this.logs) {
      if (key.slice(0, key.lastIndexOf('-')) === topic) {
        log.close();
        this.logs.delete(key);
      }
    }
    this.removeDirs(this.listPartitionDirs().filter((p) => p.topic === topic));
  }

  /**
   * Removes folders of `topic` from partition `from` on that no open log uses: what a deleted or
   * crashed earlier topic of the same name left, so a new topic never shows its records.
   */
  removeUnopened(topic: string, from: number): void {
    this.removeDirs(
      this.listPartitionDirs().filter(
        (p) => p.topic === topic && p.partition >= from && !this.logs.has(LogManager.key(topic, p.partition)),
      ),
    );
  }

  /**
   * Every folder is renamed first (a crash then finishes the deletion on the next start), to a short
   * random name: `<249-character topic>-<partition>.deleted` would pass the file system's 255 limit.
   */
  private removeDirs(dirs: PartitionDir[]): void {
    const doomed = dirs.map((p) => {
      const to = path.join(this.rootDir, `${crypto.randomUUID()}${DELETE_SUFFIX}`);
      fs.renameSync(p.dir, to);
      return to;
    });
    for (const d of doomed) fs.rmSync(d, { recursive: true, force: true });
  }

  /** Periodic housekeeping: retention and compaction for every open log. */
  maintain(nowMs = Date.now()): void {
    for (const log of this.logs.values()) {
      log.enforceRetention(nowMs);
      log.compact(nowMs);
    }
  }

  flushAll(): void {
    for (const log of this.logs.values()) log.flush();
  }

  closeAll(): void {
    for (const log of this.logs.values()) log.close();
    this.logs.clear();
  }
}
