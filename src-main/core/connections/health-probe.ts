/**
 * The cheap check behind a connection's health: one metadata request (no topics) on a kafkajs
 * admin kept per saved connection. It is separate from the pool that serves the screens, so it
 * never logs a line per failed check, and a cluster only glanced at from the sidebar holds one
 * idle connection at most. A failed check drops its client: the next one starts clean.
 */
import kafkajs, { type Admin } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { mapKafkaError } from '../errors/map-kafka-error.js';
import type { SavedProfile } from '../profiles/profile-store.js';
import { withDeadline } from '../util/deadline.js';
import { ANSWER_DEADLINE_MS, clientRetry, kafkaConfig, securityOf } from './kafka-config.js';

const { Kafka } = kafkajs;

export class HealthProbes {
  private readonly admins = new Map<string, { client: Admin; connected: Promise<void> }>();

  async probe(profile: SavedProfile): Promise<{ brokerCount: number }> {
    const brokers = profile.bootstrapServers;
    const work = (async () => {
      const admin = this.admin(profile);
      await admin.connected;
      const cluster = await admin.client.describeCluster();
      return { brokerCount: cluster.brokers.length };
    })();
    try {
      return await withDeadline(
        work,
        ANSWER_DEADLINE_MS,
        () =>
          new AppError(
            'CONNECTION_FAILED',
            `No answer from ${brokers.join(', ')} within ${ANSWER_DEADLINE_MS / 1000} s. Check that the cluster is running and reachable.`,
          ),
      );
    } catch (e) {
      this.forget(profile.id);
      // A late answer after the deadline must not leave an unhandled rejection behind.
      work.catch(() => undefined);
      throw mapKafkaError(e, { brokers, security: securityOf(profile) });
    }
  }

  /** Disconnects the client kept for this connection, if any. */
  forget(id: string): void {
    const admin = this.admins.get(id);
    this.admins.delete(id);
    // After the connect settles, so a connect still under way is not left open.
    void admin?.connected.catch(() => undefined).then(() => admin.client.disconnect().catch(() => undefined));
  }

  closeAll(): void {
    for (const id of [...this.admins.keys()]) this.forget(id);
  }

  private admin(profile: SavedProfile): { client: Admin; connected: Promise<void> } {
    let admin = this.admins.get(profile.id);
    if (!admin) {
      // No logger: an unreachable cluster is a state shown in the UI, not an error to log every 15 s.
      const client = new Kafka(kafkaConfig(profile, undefined, 'samsa-health')).admin({ retry: clientRetry });
      admin = { client, connected: client.connect() };
      this.admins.set(profile.id, admin);
    }
    return admin;
  }
}
