import type { ProblemKind } from '../../contract.js';

/** Why there are no live figures: an alert when the cluster does not answer, a note when it is not sampled. */
export function ProblemNote({
  problem,
  kind,
  hasFigures,
}: {
  problem: string | null;
  kind: ProblemKind | null;
  hasFigures: boolean;
}) {
  if (!problem) return null;
  if (kind === 'not-sampled') {
    return (
      <p role="status" className="note-quiet small">
        {problem}
      </p>
    );
  }
  return (
    <div role="alert" className="alert alert-warn">
      <div className="alert-body">
        <strong className="alert-title">The cluster does not answer</strong>
        <p className="alert-message">
          {problem} {hasFigures ? 'The figures below are from the last sample that worked.' : ''}
        </p>
      </div>
    </div>
  );
}
