/**
 * Which topics each client has been told about in Metadata answers, by client id and host (a
 * client's group requests and its Metadata requests may use different connections). The group
 * coordinator uses it to answer a new group's first join only once the members' clients can assign
 * the topics they subscribe to (group/rebalance.ts). Bounded: the oldest clients are forgotten.
 */
const MAX_CLIENTS = 1000;
const MAX_TOPICS_PER_CLIENT = 10_000;

export class ClientTopics {
  /** client → topic → whether it existed when the client was told about it. */
  private readonly byClient = new Map<string, Map<string, boolean>>();

  private static key(clientId: string | null, host: string): string {
    return `${clientId ?? ''}\u0000${host}`;
  }

  /** Records a Metadata answer: each topic named in it, and whether it was there. */
  record(clientId: string | null, host: string, topics: Iterable<{ name: string | null; errorCode: number }>): void {
    const key = ClientTopics.key(clientId, host);
    let known = this.byClient.get(key);
    if (known) {
      this.byClient.delete(key); // re-inserted below: the map's order is least recently seen first
    } else {
      known = new Map();
      if (this.byClient.size >= MAX_CLIENTS) this.byClient.delete(this.byClient.keys().next().value!);
    }
    this.byClient.set(key, known);
    for (const t of topics) {
      if (t.name === null) continue;
      if (known.size >= MAX_TOPICS_PER_CLIENT && !known.has(t.name)) known.delete(known.keys().next().value!);
      known.set(t.name, t.errorCode === 0);
    }
  }

  /**
   * True when the client was told about the topic as it is now: seen existing, or seen missing
   * while it still does not exist (a client cannot assign a topic it has never heard of).
   */
  knows(clientId: string | null, host: string, topic: string, existsNow: boolean): boolean {
    const seen = this.byClient.get(ClientTopics.key(clientId, host))?.get(topic);
    return seen !== undefined && (seen || !existsNow);
  }
}
