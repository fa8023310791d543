/** The group coordinator of the bundled broker: classic groups and KIP-848 consumer groups. */
export { GroupCoordinator, DEFAULTS as GROUP_COORDINATOR_DEFAULTS } from './coordinator.js';
export type * from './types.js';
export type * from './consumer-types.js';
export { GroupState, legacyLeaveErrorCode, parseSubscriptionTopics } from './types.js';
