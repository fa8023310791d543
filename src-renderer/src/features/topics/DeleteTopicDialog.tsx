import { useState } from 'react';
import type { TopicDetail } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useDeleteTopic } from '../../queries/topics.js';
import { navigate } from '../shell/useRoute.js';
import { count } from '../../lib/plural.js';

/** Deleting cannot be undone: the person types the topic's name, and sees what goes with it. */
export function DeleteTopicDialog({
  clusterId,
  detail,
  onClose,
}: {
  clusterId: string;
  detail: TopicDetail;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const del = useDeleteTopic(clusterId, detail.name);
  const matches = typed === detail.name;
  return (
    <Dialog title={`Delete topic ${detail.name}?`} onClose={onClose} size="medium" role="alertdialog">
      <div className="dialog-text">
        <p>
          This deletes the topic with its {count(detail.partitions.length, 'partition')} and{' '}
          <strong>{count(detail.messageCount, 'record')}</strong>, for every consumer, and cannot be undone. Consumer
          groups keep their committed offsets for it until they expire.
        </p>
        <p className="muted small">
          Producers that still write to it get errors, or re-create it empty where the cluster auto-creates topics.
        </p>
      </div>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!matches) return;
          del.mutate(typed, {
            onSuccess: () => {
              onClose();
              navigate({ page: 'cluster', clusterId, section: 'topics' });
            },
          });
        }}
      >
        <Field label="Type the topic name to confirm">
          {(c) => (
            <input
              {...c}
              className="mono"
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              value={typed}
              placeholder={detail.name}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </Field>
        <ErrorAlert error={del.error} title="The topic was not deleted" />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={!matches || del.isPending}>
            {del.isPending ? 'Deleting…' : 'Delete topic'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
