export type { LogConfig } from './config.js';
export { PartitionLog, type AppendResult } from './partition-log.js';
export { LogManager, type PartitionDir } from './log-manager.js';
