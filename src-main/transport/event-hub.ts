import type { EventMap, EventName, EventSink } from '../contract/index.js';

export type AnyEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Fan-out of core events to every connected transport (IPC windows, WebSocket clients). */
export class EventHub implements EventSink {
  private readonly listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken subscriber (a closed socket) must not stop the others.
      }
    }
  }

  subscribe(listener: AnyEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
