import { useState } from 'react';
import type { TopicDetail } from '../../contract.js';
import { AddPartitionsDialog } from './AddPartitionsDialog.js';
import { DeleteTopicDialog } from './DeleteTopicDialog.js';
import { PurgeDialog } from './PurgeDialog.js';

type Open = 'partitions' | 'purge' | 'delete' | null;

const PROTECTED = 'Internal topics are protected: Samsa does not purge or delete them.';

/** What can be done to a topic, each behind a dialog that says what it will change. */
export function TopicActions({ clusterId, detail }: { clusterId: string; detail: TopicDetail | undefined }) {
  const [open, setOpen] = useState<Open>(null);
  const internal = detail?.internal ?? false;
  const close = () => setOpen(null);
  return (
    <div className="topic-actions" role="group" aria-label="Topic actions">
      <button type="button" className="btn btn-small" disabled={!detail} onClick={() => setOpen('partitions')}>
        Add partitions
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={!detail || internal}
        title={internal ? PROTECTED : undefined}
        onClick={() => setOpen('purge')}
      >
        Purge records
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger-quiet"
        disabled={!detail || internal}
        title={internal ? PROTECTED : undefined}
        onClick={() => setOpen('delete')}
      >
        Delete topic
      </button>
      {open === 'partitions' && detail && <AddPartitionsDialog clusterId={clusterId} detail={detail} onClose={close} />}
      {open === 'purge' && detail && <PurgeDialog clusterId={clusterId} detail={detail} onClose={close} />}
      {open === 'delete' && detail && <DeleteTopicDialog clusterId={clusterId} detail={detail} onClose={close} />}
    </div>
  );
}
