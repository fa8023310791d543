/**
 * The live set of topics: registry + open partition logs + append signals. Every topic change
 * (create, delete, add partitions, alter configs) goes through here and is persisted at once.
 */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { AppendSignal } from '../server/long-poll.js';
import { randomKafkaUuid } from '../server/data-dir.js';
import type { LogManager, PartitionLog } from '../log/index.js';
import { TopicRegistryFile, type TopicRecord } from './registry.js';
import { toLogConfig, type BrokerStaticConfigs } from './topic-config.js';
import { validateTopicConfigs } from './config-validate.js';
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
}

export const MAX_PARTITIONS = 10_000;

export class TopicManager {
  private readonly byName = new Map<string, Topic>();
  private readonly byId = new Map<string, Topic>();
  private readonly registry: TopicRegistryFile;
  /** Serialises structural changes so two concurrent creates of one name cannot both win. */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: TopicManagerOptions) {
    this.registry = new TopicRegistryFile(opts.dataDir);
  }

  static async open(opts: TopicManagerOptions): Promise<TopicManager> {
    const tm = new TopicManager(opts);
    const records = tm.registry.load();
    await Promise.all(records.map(async (r) => tm.index(await tm.openTopic(r))));
    return tm;
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
    const key = name.replaceAll('.', '_');
    for (const other of this.byName.keys()) if (other !== name && other.replaceAll('.', '_') === key) return other;
    return undefined;
  }

  create(name: string, numPartitions: number, configs: Record<string, string> = {}): Promise<Topic> {
    return this.serial(async () => {
      const v = this.validateCreate(name, numPartitions, configs);
      const record: TopicRecord = { name, id: randomKafkaUuid(), partitions: v.partitions, configs: v.configs };
      const topic = await this.openTopic(record);
      this.index(topic);
      this.persist();
      return topic;
    });
  }

  /** For auto-creation: returns the existing topic when a concurrent request created it first. */
  async getOrCreate(name: string): Promise<Topic> {
    const existing = this.byName.get(name);
    if (existing) return existing;
    try {
      return await this.create(name, -1);
    } catch (e) {
      const again = this.byName.get(name);
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
    for (const t of this.byName.values()) for (const p of t.partitions) await p.log.close();
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
