import type { GroupHealth, LagVerdict } from '../../contract.js';

const TONE = { OK: 'ok', WARNING: 'warn', ERROR: 'error', UNKNOWN: 'neutral' } as const;
const PARTITION_TONE = { OK: 'ok', WARNING: 'warn', STOP: 'error', STALL: 'error', REWIND: 'error' } as const;

/** Status as text and colour (never colour alone); the reason is in the tooltip and read out. */
export function HealthBadge({ health }: { health: GroupHealth }) {
  const text = health.status === null ? 'no lag' : health.status;
  return (
    <span
      className={`badge badge-status badge-${TONE[health.level]}`}
      title={health.reason}
      aria-description={health.reason}
    >
      {text}
    </span>
  );
}

export function VerdictBadge({ verdict }: { verdict: LagVerdict | null }) {
  if (!verdict) return <span className="muted small">no commit</span>;
  return (
    <span
      className={`badge badge-status badge-${PARTITION_TONE[verdict.status]}`}
      title={verdict.reason}
      aria-description={verdict.reason}
    >
      {verdict.status}
    </span>
  );
}

/** Worst first, for sorting. */
export function severity(h: GroupHealth): number {
  return { ERROR: 3, WARNING: 2, OK: 1, UNKNOWN: 0 }[h.level];
}
