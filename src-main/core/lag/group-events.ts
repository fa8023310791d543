/**
 * Timeline markers from two consecutive descriptions of a group: rebalances, members joining and
 * leaving, state changes. What a person would want to see next to a bend in the lag line.
 */
import type { GroupMember, LagEventKind } from '../../contract/groups.js';
import type { DescribedGroup } from '../groups/gateway.js';

export interface GroupEvent {
  kind: LagEventKind;
  text: string;
}

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

function who(m: GroupMember): string {
  return `${m.clientId || m.memberId}${m.host ? ` on ${m.host}` : ''}`;
}

function list(members: GroupMember[]): string {
  const shown = members.slice(0, 3).map(who).join(', ');
  return members.length > 3 ? `${shown} and ${members.length - 3} more` : shown;
}

export function describeChanges(prev: DescribedGroup | null, next: DescribedGroup | null): GroupEvent[] {
  if (!prev || !next) return [];
  const out: GroupEvent[] = [];
  const before = new Map(prev.members.map((m) => [m.memberId, m]));
  const after = new Map(next.members.map((m) => [m.memberId, m]));
  const joined = next.members.filter((m) => !before.has(m.memberId));
  const left = prev.members.filter((m) => !after.has(m.memberId));
  if (joined.length > 0) {
    out.push({
      kind: 'member-joined',
      text: `${joined.length === 1 ? 'Member joined' : `${joined.length} members joined`}: ${list(joined)}`,
    });
  }
  if (left.length > 0) {
    out.push({
      kind: 'member-left',
      text: `${left.length === 1 ? 'Member left' : `${left.length} members left`}: ${list(left)}`,
    });
  }
  const epochMoved = prev.epoch !== null && next.epoch !== null && next.epoch > prev.epoch;
  if ((REBALANCING.has(next.state) && !REBALANCING.has(prev.state)) || epochMoved) {
    out.push({
      kind: 'rebalance',
      text: epochMoved
        ? `Rebalance: group epoch ${prev.epoch} → ${next.epoch}, ${next.members.length} member${next.members.length === 1 ? '' : 's'}`
        : `Rebalance started (${next.state})`,
    });
  } else if (prev.state !== next.state) {
    out.push({ kind: 'state', text: `State: ${prev.state} → ${next.state}` });
  }
  return out;
}
