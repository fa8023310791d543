/** Background retention and compaction: a periodic, unref'd timer that walks every partition. */
import type { TopicManager } from './topic-manager.js';

export type MaintenanceLogger = (level: 'info' | 'warn' | 'error', msg: string) => void;

export function startMaintenance(topics: TopicManager, intervalMs: number, log: MaintenanceLogger): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    try {
      runMaintenance(topics, Date.now(), log);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** One pass; a failing partition is logged and skipped so the others still get cleaned. */
export function runMaintenance(topics: TopicManager, nowMs: number, log: MaintenanceLogger): void {
  for (const topic of topics.all()) {
    const policy = topic.configs['cleanup.policy'] ?? topics.brokerConfigs.get('log.cleanup.policy') ?? 'delete';
    const compact = policy.includes('compact');
    for (const p of topic.partitions) {
      try {
        p.log.enforceRetention(nowMs);
        if (compact) p.log.compact(nowMs);
      } catch (e) {
        log('warn', `maintenance of ${topic.name}-${p.index} failed: ${(e as Error).message}`);
      }
    }
  }
}
