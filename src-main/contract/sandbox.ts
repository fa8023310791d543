import { z } from 'zod';
import { method, subscription } from './define.js';
import { NoParamsSchema } from './refs.js';

export type SandboxState = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';

export interface SandboxStatus {
  state: SandboxState;
  host: string;
  port: number | null;
  dataDir: string;
  dataSizeBytes: number;
  pid: number | null;
  startedAt: number | null;
  /** Set when state is 'failed' or a start was refused. */
  error: string | null;
  /** When the chosen port was taken: a free one the user may pick instead. */
  suggestedPort: number | null;
}

export interface SandboxLogLine {
  time: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface SampleDataResult {
  /** Sample topics that received records now. */
  topics: string[];
  records: number;
  /** Consumer groups whose offsets were committed now. */
  groups: string[];
  /** Sample topics that already held records: left as they were, so loading twice adds nothing. */
  skipped: string[];
}

/** What "Load sample data" would do now, for the dialog that asks first. */
export interface SampleDataPlan {
  topics: { name: string; partitions: number; records: number; loaded: boolean }[];
  groups: string[];
  /** Records a load would add now: 0 once every sample topic holds records. */
  records: number;
}

/** A steady producer and a slower, pausing consumer group on the sandbox, to watch lag move. */
export interface DemoTrafficStatus {
  running: boolean;
  topic: string;
  groupId: string;
  produced: number;
  consumed: number;
  consumerPaused: boolean;
  startedAt: number | null;
  /** Why it stopped by itself (the sandbox went away), if it did. */
  error: string | null;
}

export const sandboxMethods = {
  'sandbox.status': method(NoParamsSchema).returns<SandboxStatus>(),
  'sandbox.start': method(z.object({ port: z.number().int().min(1).max(65535).optional() })).returns<SandboxStatus>(),
  'sandbox.stop': method(NoParamsSchema).returns<SandboxStatus>(),
  /** Stops the broker if running and deletes its data folder. */
  'sandbox.reset': method(NoParamsSchema).returns<SandboxStatus>(),
  /**
   * Creates sample topics, keyed JSON records and a lagging consumer group on the sandbox. Topics that
   * already hold records are left alone, so a second load adds nothing.
   */
  'sandbox.loadSampleData': method(NoParamsSchema).returns<SampleDataResult>(),
  /** What a load would add now, and which sample topics are already there. */
  'sandbox.sampleDataPlan': method(NoParamsSchema).returns<SampleDataPlan>(),
  'sandbox.demoTrafficStatus': method(NoParamsSchema).returns<DemoTrafficStatus>(),
  /** Starts or stops the demo traffic; starting needs the sandbox running. */
  'sandbox.setDemoTraffic': method(z.object({ running: z.boolean() })).returns<DemoTrafficStatus>(),
};

export const SandboxTailLogParamsSchema = z.object({
  /** How many of the most recent lines to send first (the log keeps at most 2,000). */
  backlog: z.number().int().min(0).max(2000).default(500),
});

export const sandboxSubscriptions = {
  /** The broker's log: recent lines first, then every new line as it is written. */
  'sandbox.tailLog': subscription(SandboxTailLogParamsSchema).emits<SandboxLogLine>(),
};
