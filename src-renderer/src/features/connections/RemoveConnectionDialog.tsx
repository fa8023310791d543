import type { ConnectionProfile } from '../../contract.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useRemoveConnection } from '../../queries/connections.js';

export function RemoveConnectionDialog({
  profile,
  onClose,
  onRemoved,
}: {
  profile: ConnectionProfile;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const remove = useRemoveConnection();
  return (
    <ConfirmDialog
      title={`Remove connection “${profile.name}”?`}
      confirmLabel="Yes, remove"
      busy={remove.isPending}
      error={remove.error}
      onCancel={onClose}
      onConfirm={() => remove.mutate(profile.id, { onSuccess: onRemoved })}
    >
      Samsa forgets these settings. Nothing changes on the cluster itself.
    </ConfirmDialog>
  );
}
