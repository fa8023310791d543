/**
 * Which broker coordinates each group. Asked once per group and remembered; a group whose
 * coordinator answers NOT_COORDINATOR (it moved) is forgotten and asked again on the next use.
 */
import type { Cluster } from 'kafkajs';

/** How many FindCoordinator requests may be in flight for a first look at thousands of groups. */
const PARALLEL = 16;

export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export class CoordinatorCache {
  private readonly known = new Map<string, number>();

  constructor(
    private readonly cluster: Cluster,
    /** Batched lookup (FindCoordinator v4+); null when the broker only takes one key a request. */
    private readonly batch?: (groupIds: string[]) => Promise<Map<string, number> | null>,
  ) {}

  forget(groupId: string): void {
    this.known.delete(groupId);
  }

  /** Coordinator node id per group. */
  async find(groupIds: readonly string[]): Promise<Map<string, number>> {
    const missing = groupIds.filter((g) => !this.known.has(g));
    if (missing.length > 0) {
      const batched = this.batch ? await this.batch(missing) : null;
      if (batched) {
        for (const [g, node] of batched) this.known.set(g, node);
      } else {
        await inParallel(missing, PARALLEL, async (groupId) => {
          const { coordinator } = await this.cluster.findGroupCoordinatorMetadata({ groupId });
          this.known.set(groupId, coordinator.nodeId);
        });
      }
    }
    return new Map(groupIds.flatMap((g) => (this.known.has(g) ? [[g, this.known.get(g)!] as const] : [])));
  }

  /** Groups by coordinator. */
  async byCoordinator(groupIds: readonly string[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const [g, node] of await this.find(groupIds)) {
      const list = out.get(node) ?? [];
      list.push(g);
      out.set(node, list);
    }
    return out;
  }
}
