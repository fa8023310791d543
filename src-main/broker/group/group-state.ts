/** Classic group states and the transitions Kafka allows between them. */

export const GroupState = {
  Empty: 'Empty',
  PreparingRebalance: 'PreparingRebalance',
  CompletingRebalance: 'CompletingRebalance',
  Stable: 'Stable',
  Dead: 'Dead',
} as const;

export type GroupStateName = (typeof GroupState)[keyof typeof GroupState];

const validPrevious: Record<GroupStateName, readonly GroupStateName[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export function canTransition(from: GroupStateName, to: GroupStateName): boolean {
  return validPrevious[to].includes(from);
}

/** ListGroups v4 filters match state names case-insensitively, as Kafka does. */
export function parseStateFilter(states: readonly string[] | undefined): Set<string> | null {
  if (!states || states.length === 0) return null;
  return new Set(states.map((s) => s.toLowerCase()));
}
