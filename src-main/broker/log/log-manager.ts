/**
 * All partition logs under one root directory, one `<topic>-<partition>` directory each (as in
 * Kafka). Topic deletion renames the directories first so a crash never leaves half a topic
 * that would be reloaded.
 */
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
    for (const p of this.listPartitionDirs()) {
      if (p.topic !== topic) continue;
      const doomed = `${p.dir}${DELETE_SUFFIX}`;
      fs.renameSync(p.dir, doomed);
      fs.rmSync(doomed, { recursive: true, force: true });
    }
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
