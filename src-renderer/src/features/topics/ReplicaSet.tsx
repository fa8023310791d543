/**
 * A partition's replicas as a row of chips, so a learner sees ISR at a glance: the leader is marked,
 * in-sync replicas are green, out-of-sync ones amber, offline ones red. Text says it too (never
 * colour alone): each chip has a label, and the row reads "leader 1, in sync 2, out of sync 3".
 */
import './replicas.css';

export interface ReplicaState {
  leader: number | null;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}

type ChipState = 'leader' | 'in-sync' | 'out-of-sync' | 'offline';

export function replicaStates(p: ReplicaState): { id: number; state: ChipState }[] {
  const inSync = new Set(p.isr);
  const offline = new Set(p.offlineReplicas);
  return p.replicas.map((id) => ({
    id,
    state: offline.has(id) ? 'offline' : id === p.leader ? 'leader' : inSync.has(id) ? 'in-sync' : 'out-of-sync',
  }));
}

const WORDS: Record<ChipState, string> = {
  leader: 'leader',
  'in-sync': 'in sync',
  'out-of-sync': 'out of sync',
  offline: 'offline',
};

export function ReplicaSet({ p }: { p: ReplicaState }) {
  const states = replicaStates(p);
  const label = states.map((s) => `broker ${s.id} ${WORDS[s.state]}`).join(', ');
  return (
    <span className="replica-set" role="img" aria-label={label} title={label}>
      {states.map((s) => (
        <span key={s.id} className={`replica replica-${s.state}`}>
          {s.state === 'leader' && <span aria-hidden="true">★</span>}
          {s.id}
        </span>
      ))}
    </span>
  );
}

export function ReplicaLegend() {
  return (
    <span className="replica-legend small muted" aria-hidden="true">
      <span className="replica replica-leader">★1</span> leader
      <span className="replica replica-in-sync">2</span> in sync
      <span className="replica replica-out-of-sync">3</span> out of sync
      <span className="replica replica-offline">4</span> offline
    </span>
  );
}
