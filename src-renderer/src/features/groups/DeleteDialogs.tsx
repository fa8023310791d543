import { useState } from 'react';
import type { GroupDetail } from '../../contract.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useDeleteGroup, useDeleteOffsets } from '../../queries/groups.js';
import { navigate } from '../shell/useRoute.js';

/** Deleting a group works only when it is empty; the broker's refusal is shown in words. */
export function DeleteGroupDialog({
  clusterId,
  detail,
  onClose,
}: {
  clusterId: string;
  detail: GroupDetail;
  onClose: () => void;
}) {
  const del = useDeleteGroup();
  return (
    <ConfirmDialog
      title={`Delete group ${detail.groupId}?`}
      confirmLabel="Delete group"
      busy={del.isPending}
      error={del.error}
      onCancel={onClose}
      onConfirm={() =>
        del.mutate(
          { clusterId, groupId: detail.groupId },
          { onSuccess: () => navigate({ page: 'cluster', clusterId, section: 'groups' }) },
        )
      }
    >
      <p>
        This deletes the group and all its committed offsets on the cluster. Its consumers will start from their{' '}
        <code>auto.offset.reset</code> position next time. Lag history in Samsa stays.
      </p>
      {detail.members.length > 0 && (
        <p className="warn-text">
          The group has {detail.members.length} active member{detail.members.length === 1 ? '' : 's'}; the broker
          deletes only empty groups. Stop its consumers first.
        </p>
      )}
    </ConfirmDialog>
  );
}

/** OffsetDelete: forgets the group's committed offsets of one topic (refused while members consume it). */
export function DeleteOffsetsDialog({
  clusterId,
  detail,
  onClose,
}: {
  clusterId: string;
  detail: GroupDetail;
  onClose: () => void;
}) {
  const del = useDeleteOffsets();
  const topics = detail.topics.filter((t) => t.partitions.some((p) => p.committed !== null)).map((t) => t.topic);
  const [topic, setTopic] = useState(topics[0] ?? '');
  return (
    <ConfirmDialog
      title="Delete committed offsets?"
      confirmLabel="Delete offsets"
      busy={del.isPending}
      error={del.error}
      onCancel={onClose}
      onConfirm={() => topic && del.mutate({ clusterId, groupId: detail.groupId, topic }, { onSuccess: onClose })}
    >
      <p>
        Group <code>{detail.groupId}</code> forgets where it is in the topic below. The broker refuses while members of
        the group consume that topic.
      </p>
      <label className="inline-field">
        <span>Topic</span>
        <select value={topic} onChange={(e) => setTopic(e.target.value)}>
          {topics.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
    </ConfirmDialog>
  );
}
