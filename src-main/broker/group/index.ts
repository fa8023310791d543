/** Classic consumer-group coordinator of the bundled broker. */
export { GroupCoordinator, DEFAULTS as GROUP_COORDINATOR_DEFAULTS } from './coordinator.js';
export type * from './types.js';
export { GroupState, legacyLeaveErrorCode, parseSubscriptionTopics } from './types.js';
