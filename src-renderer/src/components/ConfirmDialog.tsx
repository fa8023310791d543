import type { ReactNode } from 'react';
import { Dialog } from './Dialog.js';
import { ErrorAlert } from './ErrorAlert.js';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
}

/** "Are you sure?" for destructive actions; Cancel has focus first so Enter never destroys by accident. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy, error }: Props) {
  return (
    <Dialog title={title} onClose={onCancel} size="small" role="alertdialog">
      <div className="dialog-text">{children}</div>
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
          {busy ? `${confirmLabel}…` : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
