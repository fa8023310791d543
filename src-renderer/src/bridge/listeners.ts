import type { EventMap, EventName } from '../contract.js';

type AnyListener = (payload: never) => void;

/** Fan-out of pushed events to subscribers; shared by both bridges. */
export class EventListeners {
  private readonly byEvent = new Map<string, Set<AnyListener>>();

  add<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    set.add(listener as AnyListener);
    return () => {
      set.delete(listener as AnyListener);
    };
  }

  emit(event: string, payload: unknown): void {
    const set = this.byEvent.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (p: unknown) => void)(payload);
      } catch (err) {
        // One broken listener must not starve the others.
        console.error(`Listener for "${event}" failed`, err);
      }
    }
  }
}
