/**
 * The live set of topics: registry + open partition logs + append signals. Every topic change
 * (create, delete, add partitions, alter configs) goes through here and is persisted at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { moveAside, printable } from '../../util/atomic-file.js';
import { AppendSignal } from '../server/long-poll.js';
import { randomKafkaUuid } from '../server/data-dir.js';
import type { LogManager, PartitionLog } from '../log/index.js';
import { TopicRegistryFile, type TopicRecord } from './registry.js';
import { toLogConfig, type BrokerStaticConfigs } from './topic-config.js';
import { validateTopicConfigs } from './config-validate.js';
import { internalTopicSpec, type InternalTopicSpec } from './internal-topics.js';
import { assertTopicName } from './topic-names.js';

export interface PartitionState {
  readonly index: number;
  readonly log: PartitionLog;
  /** Fired after each append, for Fetch long polls. */
  readonly signal: AppendSignal;
}

export interface Topic {
  readonly name: string;
  readonly id: Buffer;
  configs: Record<string, string>;
  partitions: PartitionState[];
}

export interface TopicManagerOptions {
  dataDir: string;
  logs: LogManager;
  brokerConfigs: BrokerStaticConfigs;
  defaultPartitions: number;
  /** Called after a topic is gone, so group offsets for it can be dropped. */
  onTopicDeleted?: (name: string) => void | Promise<void>;
  /** Problems the broker recovered from, for its log. */
  warn?: (message: string) => void;
  /** Progress while a large data folder loads, for its log. */
  progress?: (message: string) => void;
}

const PROGRESS_EVERY_MS = 2000;

export const MAX_PARTITIONS = 10_000;

export class TopicManager {
  private readonly byName = new Map<string, Topic>();
  private readonly byId = new Map<string, Topic>();
  /** Names with "." read as "_" (Kafka's collision rule), for an O(1) check on 10,000 topics. */
  private readonly byMetricName = new Map<string, string>();
  /** A registry save waiting for the current burst of changes to finish; every change in it awaits it. */
  private pendingSave: Promise<void> | null = null;
  private readonly registry: TopicRegistryFile;
  /** Serialises structural changes so two concurrent creates of one name cannot both win. */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: TopicManagerOptions) {
    this.registry = new TopicRegistryFile(opts.dataDir);
  }

  static async open(opts: TopicManagerOptions): Promise<TopicManager> {
    const tm = new TopicManager(opts);
    let records: TopicRecord[];
    try {
      records = tm.registry.load();
    } catch (e) {
      records = tm.recoverFromFolders((e as Error).message);
    }
    const total = records.reduce((n, r) => n + r.partitions, 0);
    let opened = 0;
    let told = Date.now();
    await Promise.all(
      records.map(async (r) => {
        tm.index(await tm.openTopic(r));
        opened += r.partitions;
        // A large data folder takes a while: say how far it got, so whoever waits sees progress.
        if (opts.progress && Date.now() - told >= PROGRESS_EVERY_MS) {
          told = Date.now();
          opts.progress(`loading topics: ${opened.toLocaleString('en')} of ${total.toLocaleString('en')} partitions`);
        }
      }),
    );
    if (records.length > 0 && !fs.existsSync(tm.registry.file)) tm.persist();
    return tm;
  }

  /**
   * topics.json is unreadable: it is moved aside, and the topics are rebuilt from the partition
   * folders on disk, so no record is lost. Their config overrides and ids cannot be recovered.
   */
  private recoverFromFolders(why: string): TopicRecord[] {
    const aside = moveAside(this.registry.file);
    const counts = new Map<string, number>();
    for (const d of this.opts.logs.listPartitionDirs())
      counts.set(d.topic, Math.max(counts.get(d.topic) ?? 0, d.partition + 1));
    this.opts.warn?.(
      `topics.json could not be read (${printable(why)}); it was moved to ${path.basename(aside)}. ` +
        `${counts.size} topic(s) were rebuilt from their partition folders with default configs.`,
    );
    // Kafka's internal topics get their fixed layout back; other overrides are gone.
    return [...counts].map(([name, partitions]) => ({
      name,
      id: randomKafkaUuid(),
      partitions,
      configs: { ...internalTopicSpec(name)?.configs },
    }));
  }

  /** The directory holding every partition's log (what DescribeLogDirs reports as the log dir). */
  get logDir(): string {
    return this.opts.logs.rootDir;
  }

  get defaultPartitions(): number {
    return this.opts.defaultPartitions;
  }

  get brokerConfigs(): BrokerStaticConfigs {
    return this.opts.brokerConfigs;
  }

  get(name: string): Topic | undefined {
    return this.byName.get(name);
  }

  getById(id: Buffer): Topic | undefined {
    return this.byId.get(id.toString('hex'));
  }

  partition(topic: string, index: number): PartitionState | undefined {
    return this.byName.get(topic)?.partitions[index];
  }

  all(): IterableIterator<Topic> {
    return this.byName.values();
  }

  get size(): number {
    return this.byName.size;
  }

  /**
   * Checks a create request; throws KafkaProtocolError with Kafka's code and message. Returns the
   * normalised partition count and configs.
   */
  validateCreate(
    name: string,
    numPartitions: number,
    configs: Record<string, string>,
  ): { partitions: number; configs: Record<string, string> } {
    assertTopicName(name);
    if (this.byName.has(name))
      throw new KafkaProtocolError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
    const collision = this.collidingName(name);
    if (collision) {
      throw new KafkaProtocolError(
        ErrorCode.INVALID_TOPIC_EXCEPTION,
        `Topic '${name}' collides with existing topic: ${collision}`,
      );
    }
    const partitions = numPartitions === -1 ? this.opts.defaultPartitions : numPartitions;
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new KafkaProtocolError(
        ErrorCode.INVALID_PARTITIONS,
        `Number of partitions must be between 1 and ${MAX_PARTITIONS}; got ${numPartitions}.`,
      );
    }
    return { partitions, configs: validateTopicConfigs(configs) };
  }

  /** Kafka refuses names that differ only by '.' vs '_' because their metric names would clash. */
  private collidingName(name: string): string | undefined {
    const other = this.byMetricName.get(name.replaceAll('.', '_'));
    return other !== undefined && other !== name ? other : undefined;
  }

  /**
   * Resolves once the topic is in topics.json. Creates that arrive together (one CreateTopics
   * request of 500 topics) share one save instead of rewriting the whole registry 500 times.
   */
  async create(name: string, numPartitions: number, configs: Record<string, string> = {}): Promise<Topic> {
    const topic = await this.serial(async () => {
      const v = this.validateCreate(name, numPartitions, configs);
      const record: TopicRecord = { name, id: randomKafkaUuid(), partitions: v.partitions, configs: v.configs };
      // A new topic starts empty, whatever folders an earlier one of that name may have left.
      this.opts.logs.removeUnopened(name, 0);
      let created: Topic;
      try {
        created = await this.openTopic(record);
      } catch (e) {
        // Out of descriptors or disk half-way: leave no half-created topic behind.
        this.opts.logs.deleteTopic(name);
        throw e;
      }
      this.index(created);
      return created;
    });
    await this.saveSoon();
    return topic;
  }

  /** One save after the changes queued right now: setImmediate runs after their microtasks. */
  private saveSoon(): Promise<void> {
    this.pendingSave ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.pendingSave = null;
        this.serial(async () => this.persist()).then(resolve, reject);
      }),
    );
    return this.pendingSave;
  }

  /** For auto-creation: returns the existing topic when a concurrent request created it first. */
  async getOrCreate(name: string): Promise<Topic> {
    const existing = this.byName.get(name);
    if (existing) return existing;
    // Kafka auto-creates an internal topic with its own layout, never with num.partitions.
    const spec = internalTopicSpec(name);
    if (spec) return this.ensureInternal(spec);
    try {
      return await this.create(name, -1);
    } catch (e) {
      const again = this.byName.get(name);
      if (again) return again;
      throw e;
    }
  }

  /** Creates an internal topic with Kafka's layout the first time its coordinator is looked up. */
  async ensureInternal(spec: InternalTopicSpec): Promise<Topic> {
    const existing = this.byName.get(spec.name);
    if (existing) return existing;
    try {
      return await this.create(spec.name, spec.partitions, { ...spec.configs });
    } catch (e) {
      const again = this.byName.get(spec.name);
      if (again) return again;
      throw e;
    }
  }

  delete(name: string): Promise<void> {
    return this.serial(async () => {
      const topic = this.byName.get(name);
      if (!topic)
        throw new KafkaProtocolError(
          ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          'This server does not host this topic-partition.',
        );
      this.byName.delete(name);
      this.byId.delete(topic.id.toString('hex'));
      this.byMetricName.delete(name.replaceAll('.', '_'));
      this.persist();
      // Wake fetchers so they answer UNKNOWN_TOPIC_OR_PARTITION instead of waiting out their timeout.
      for (const p of topic.partitions) p.signal.notify();
      await this.opts.logs.deleteTopic(name); // closes the partition logs too
      await this.opts.onTopicDeleted?.(name);
    });
  }

  validateAddPartitions(name: string, count: number): Topic {
    const topic = this.byName.get(name);
    if (!topic)
      throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    const current = topic.partitions.length;
    if (count === current)
      throw new KafkaProtocolError(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
    if (count < current) {
      throw new KafkaProtocolError(
        ErrorCode.INVALID_PARTITIONS,
        `Topic currently has ${current} partitions, which is higher than the requested ${count}.`,
      );
    }
    if (count > MAX_PARTITIONS)
      throw new KafkaProtocolError(
        ErrorCode.INVALID_PARTITIONS,
        `Number of partitions must be at most ${MAX_PARTITIONS}.`,
      );
    return topic;
  }

  addPartitions(name: string, count: number): Promise<void> {
    return this.serial(async () => {
      const topic = this.validateAddPartitions(name, count);
      const cfg = toLogConfig(topic.configs, this.opts.brokerConfigs);
      const added: PartitionState[] = [];
      this.opts.logs.removeUnopened(name, topic.partitions.length);
      for (let i = topic.partitions.length; i < count; i++) added.push(await this.openPartition(name, i, cfg));
      topic.partitions = [...topic.partitions, ...added];
      this.persist();
    });
  }

  /** Replaces a topic's overrides (already validated) and pushes the new settings to its logs. */
  setConfigs(name: string, configs: Record<string, string>): void {
    const topic = this.byName.get(name);
    if (!topic)
      throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    topic.configs = validateTopicConfigs(configs);
    const cfg = toLogConfig(topic.configs, this.opts.brokerConfigs);
    for (const p of topic.partitions) p.log.updateConfig(cfg);
    this.persist();
  }

  async flush(): Promise<void> {
    for (const t of this.byName.values()) for (const p of t.partitions) await p.log.flush();
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    const total = [...this.byName.values()].reduce((n, t) => n + t.partitions.length, 0);
    let closed = 0;
    let told = Date.now();
    for (const t of this.byName.values()) {
      for (const p of t.partitions) {
        await p.log.close();
        closed++;
      }
      if (this.opts.progress && Date.now() - told >= PROGRESS_EVERY_MS) {
        told = Date.now();
        this.opts.progress(
          `closing topics: ${closed.toLocaleString('en')} of ${total.toLocaleString('en')} partitions`,
        );
      }
    }
    this.opts.logs.closeAll();
  }

  private async openTopic(r: TopicRecord): Promise<Topic> {
    const cfg = toLogConfig(r.configs, this.opts.brokerConfigs);
    const partitions: PartitionState[] = [];
    for (let i = 0; i < r.partitions; i++) partitions.push(await this.openPartition(r.name, i, cfg));
    return { name: r.name, id: r.id, configs: r.configs, partitions };
  }

  private async openPartition(
    topic: string,
    index: number,
    cfg: ReturnType<typeof toLogConfig>,
  ): Promise<PartitionState> {
    const log = await this.opts.logs.openPartition(topic, index, cfg);
    return { index, log, signal: new AppendSignal() };
  }

  private index(t: Topic): void {
    this.byName.set(t.name, t);
    this.byId.set(t.id.toString('hex'), t);
    this.byMetricName.set(t.name.replaceAll('.', '_'), t.name);
  }

  private persist(): void {
    this.registry.save(
      [...this.byName.values()].map((t) => ({
        name: t.name,
        id: t.id,
        partitions: t.partitions.length,
        configs: t.configs,
      })),
    );
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
