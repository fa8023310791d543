import type { ConnectionProfile } from './connections.js';
import type { SandboxStatus } from './sandbox.js';

/**
 * Events pushed from main to every renderer: changes everyone should see at once. A stream that a
 * caller asks for, with parameters, is a subscription instead (see define.ts).
 */
export interface EventMap {
  'connections.changed': { connections: ConnectionProfile[] };
  'sandbox.status': SandboxStatus;
  /** The desktop app's menu asks the window to open the About dialog. */
  'app.showAbout': Record<string, never>;
}

export type EventName = keyof EventMap;
export type EventListener<E extends EventName> = (payload: EventMap[E]) => void;

/** How the core publishes events; transports subscribe and forward. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}
