/**
 * Offset resets as `kafka-consumer-groups --reset-offsets` does them: to earliest, latest, a
 * date-time, a duration back, an offset, shifted by N, or to the current position; for all the
 * group's topics, one topic or chosen partitions. Always planned first (the preview); applied only
 * while the group has no active members.
 */
import { AppError } from '../../contract/errors.js';
import type { ResetMode, ResetPlan, ResetRow, ResetScope } from '../../contract/groups.js';
import type { CommittedOffsets, DescribedGroup, GroupsGateway, ListedGroup, PartitionOffsets } from './gateway.js';

export interface ResetInputs {
  committed: CommittedOffsets;
  /** The partitions in scope, per topic. */
  scope: Map<string, number[]>;
  offsets: Map<string, Map<number, PartitionOffsets>>;
  /** For datetime and duration: the first offset at or after the time (log end where none). */
  forTime?: Map<string, Map<number, number>>;
}

const fmt = (n: bigint | number) => n.toLocaleString('en-US');

/** The target of every partition in scope, clamped to what the log holds, with a note when clamped. */
export function planRows(mode: ResetMode, inputs: ResetInputs): ResetRow[] {
  const rows: ResetRow[] = [];
  for (const [topic, partitions] of [...inputs.scope].sort(([a], [b]) => a.localeCompare(b))) {
    for (const partition of [...partitions].sort((a, b) => a - b)) {
      const o = inputs.offsets.get(topic)?.get(partition);
      if (!o)
        throw new AppError(
          'KAFKA_ERROR',
          `No offsets for ${topic}[${partition}]: its leader did not answer. Try again.`,
        );
      const current = inputs.committed.get(topic)?.get(partition);
      const start = BigInt(o.start);
      const end = BigInt(o.end);
      let wanted: bigint;
      switch (mode.kind) {
        case 'earliest':
          wanted = start;
          break;
        case 'latest':
          wanted = end;
          break;
        case 'current':
          wanted = current === undefined ? end : BigInt(current);
          break;
        case 'datetime':
        case 'duration':
          wanted = BigInt(inputs.forTime?.get(topic)?.get(partition) ?? o.end);
          break;
        case 'offset':
          wanted = BigInt(mode.offset);
          break;
        case 'shift':
          if (current === undefined) {
            throw new AppError(
              'VALIDATION',
              `Cannot shift ${topic}[${partition}]: the group has no committed offset there. Choose another mode for it, or leave it out.`,
            );
          }
          wanted = BigInt(current) + BigInt(mode.by);
          break;
      }
      let target = wanted;
      let note: string | null = null;
      if (wanted < start) {
        target = start;
        note = `${fmt(wanted)} is before the log start; clamped to ${fmt(start)}.`;
      } else if (wanted > end) {
        target = end;
        note = `${fmt(wanted)} is past the log end; clamped to ${fmt(end)}.`;
      }
      if (mode.kind === 'current' && current === undefined) note = 'No committed offset: the log end is used.';
      rows.push({
        topic,
        partition,
        current: current === undefined ? null : String(current),
        target: target.toString(),
        logStart: start.toString(),
        logEnd: end.toString(),
        lagAfter: (end - target).toString(),
        note,
      });
    }
  }
  return rows;
}

/** The members that make a reset unsafe; classic groups that are not Empty or Dead count as active too. */
export function activeMembers(d: DescribedGroup | undefined): ResetPlan['activeMembers'] {
  return (d?.members ?? []).map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host }));
}

export function refuseWhileActive(groupId: string, d: DescribedGroup | undefined): void {
  const members = activeMembers(d);
  if (members.length === 0) return;
  const names = members
    .slice(0, 5)
    .map((m) => `${m.clientId || m.memberId}${m.host ? ` on ${m.host}` : ''}`)
    .join(', ');
  const more = members.length > 5 ? ` and ${members.length - 5} more` : '';
  throw new AppError(
    'VALIDATION',
    `Group "${groupId}" has ${members.length} active member${members.length === 1 ? '' : 's'} (${names}${more}). Offsets can be reset only while no consumer of the group runs: stop them first, then try again.`,
  );
}

/** The partitions a scope covers; unknown topics and partitions are refused in words. */
export async function resolveScope(
  gw: GroupsGateway,
  groupId: string,
  scope: ResetScope,
  committed: CommittedOffsets,
  signal?: AbortSignal,
): Promise<Map<string, number[]>> {
  if (scope.kind === 'all') {
    if (committed.size === 0) {
      throw new AppError(
        'VALIDATION',
        `Group "${groupId}" has no committed offsets, so "all topics" covers nothing. Choose a topic to reset.`,
        { field: 'scope' },
      );
    }
    return new Map([...committed].map(([topic, parts]) => [topic, [...parts.keys()]]));
  }
  const known = (await gw.topicPartitions([scope.topic], signal)).get(scope.topic);
  if (!known) throw new AppError('NOT_FOUND', `Topic "${scope.topic}" does not exist.`);
  if (scope.kind === 'topic') return new Map([[scope.topic, known]]);
  const missing = scope.partitions.filter((p) => !known.includes(p));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION',
      `Topic "${scope.topic}" has partitions 0 to ${known.length - 1}; ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist.`,
      { field: 'scope.partitions' },
    );
  }
  return new Map([[scope.topic, [...new Set(scope.partitions)]]]);
}

/** Plans (and with `apply`, commits) a reset. `listed` helps pick the describe API; null tries both. */
export async function runReset(
  gw: GroupsGateway,
  groupId: string,
  listed: ListedGroup | null,
  scope: ResetScope,
  mode: ResetMode,
  apply: boolean,
  now: number,
  signal?: AbortSignal,
): Promise<ResetPlan> {
  const probe: ListedGroup = listed ?? { groupId, protocolType: 'consumer', state: null, type: null };
  const [described, committedAll] = await Promise.all([
    gw.describeGroups([probe], signal),
    gw.fetchCommitted([groupId], signal),
  ]);
  const d = described.get(groupId);
  const committed = committedAll.get(groupId) ?? new Map();
  const partitions = await resolveScope(gw, groupId, scope, committed, signal);
  const offsets = await gw.offsets(partitions, { withStart: true, signal });
  const forTime =
    mode.kind === 'datetime' || mode.kind === 'duration'
      ? await gw.offsetsForTime(partitions, mode.kind === 'datetime' ? mode.timestamp : now - mode.ms, signal)
      : undefined;
  const rows = planRows(mode, { committed, scope: partitions, offsets, forTime });
  const lagOf = (topic: string, partition: number, offset: number | undefined) => {
    const end = offsets.get(topic)?.get(partition)?.end;
    return end === undefined || offset === undefined ? 0 : Math.max(0, end - offset);
  };
  const plan: ResetPlan = {
    groupId,
    applied: false,
    rows,
    activeMembers: activeMembers(d),
    lagBefore: rows.reduce((s, r) => s + lagOf(r.topic, r.partition, committed.get(r.topic)?.get(r.partition)), 0),
    lagAfter: rows.reduce((s, r) => s + Number(r.lagAfter), 0),
  };
  if (!apply) return plan;
  refuseWhileActive(groupId, d);
  const targets: CommittedOffsets = new Map();
  for (const r of rows) {
    const m = targets.get(r.topic) ?? new Map<number, number>();
    m.set(r.partition, Number(r.target));
    targets.set(r.topic, m);
  }
  await gw.commitOffsets(groupId, targets, signal);
  return { ...plan, applied: true };
}

export function describeMode(mode: ResetMode): string {
  switch (mode.kind) {
    case 'earliest':
      return 'to the earliest offset';
    case 'latest':
      return 'to the latest offset';
    case 'current':
      return 'to the current offset';
    case 'datetime':
      return `to ${new Date(mode.timestamp).toISOString()}`;
    case 'duration':
      return `to ${Math.round(mode.ms / 60_000)} min ago`;
    case 'offset':
      return `to offset ${mode.offset}`;
    case 'shift':
      return `shifted by ${mode.by}`;
  }
}
