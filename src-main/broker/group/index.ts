/** Classic consumer-group coordinator of the bundled broker. */
export { GroupCoordinator, DEFAULTS as GROUP_COORDINATOR_DEFAULTS } from './coordinator.js';
export { GroupState, type GroupStateName } from './group-state.js';
export { parseSubscriptionTopics, encodeSubscription } from './consumer-protocol.js';
export type * from './types.js';
export { legacyLeaveErrorCode } from './types.js';
