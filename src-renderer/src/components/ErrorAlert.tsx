import type { ReactNode } from 'react';
import { AppError } from '../contract.js';

interface Props {
  error: unknown;
  /** Short context, e.g. "Could not load topics". */
  title?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Every failed call ends here: the person-readable message, technical detail folded away. */
export function ErrorAlert({ error, title, onRetry, children }: Props) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const detail = error instanceof AppError ? error.detail : undefined;
  return (
    <div role="alert" className="alert alert-error">
      <div className="alert-body">
        {title && <strong className="alert-title">{title}</strong>}
        <p className="alert-message">{message}</p>
        {detail && (
          <details className="alert-detail">
            <summary>Details</summary>
            <pre>{detail}</pre>
          </details>
        )}
        {children}
      </div>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
