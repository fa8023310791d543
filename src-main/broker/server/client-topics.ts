/**
 * Which topics each client has been told about in Metadata answers. The group coordinator uses it
 * to answer a new group's first join only once the members' clients can assign the topics they
 * subscribe to (group/rebalance.ts).
 *
 * Knowledge is kept per connection and looked up by client id and host over the connections that
 * are still open: a client's group requests and its Metadata requests may use different
 * connections, and what a client that has since disconnected was told says nothing about a new
 * one that happens to use the same client id (kafka-python and librdkafka share theirs by default).
 */
import type { ClientInfo } from '../apis/context.js';

const MAX_TOPICS_PER_CONNECTION = 10_000;

export class ClientTopics {
  /** topic → whether it existed when the connection's client was told about it. */
  private readonly known = new WeakMap<ClientInfo, Map<string, boolean>>();
  /** Open connections that were told about topics, by client id and host. */
  private readonly byClient = new Map<string, Set<ClientInfo>>();

  private static key(clientId: string | null, host: string): string {
    return `${clientId ?? ''}\u0000${host}`;
  }

  /** Records a Metadata answer: each topic named in it, and whether it was there. */
  record(client: ClientInfo, topics: Iterable<{ name: string | null; errorCode: number }>): void {
    let known = this.known.get(client);
    if (!known) this.known.set(client, (known = new Map()));
    const key = ClientTopics.key(client.clientId, client.clientHost);
    let conns = this.byClient.get(key);
    if (!conns) this.byClient.set(key, (conns = new Set()));
    conns.add(client);
    for (const t of topics) {
      if (t.name === null) continue;
      if (known.size >= MAX_TOPICS_PER_CONNECTION && !known.has(t.name)) known.delete(known.keys().next().value!);
      known.set(t.name, t.errorCode === 0);
    }
    this.prune(key);
  }

  /**
   * True when an open connection of the client was told about the topic as it is now: seen
   * existing, or seen missing while it still does not exist.
   */
  knows(clientId: string | null, host: string, topic: string, existsNow: boolean): boolean {
    const key = ClientTopics.key(clientId, host);
    this.prune(key);
    for (const c of this.byClient.get(key) ?? []) {
      const seen = this.known.get(c)?.get(topic);
      if (seen !== undefined && (seen || !existsNow)) return true;
    }
    return false;
  }

  private prune(key: string): void {
    const conns = this.byClient.get(key);
    if (!conns) return;
    for (const c of conns) if (c.closed) conns.delete(c);
    if (conns.size === 0) this.byClient.delete(key);
  }
}
