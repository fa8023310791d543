import { useState } from 'react';
import type { KafkaMessage } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatClock } from '../../lib/time.js';
import { useNewestMessages } from '../../queries/messages.js';
import { MessageDetail } from './MessageDetail.js';
import { MessagesTable, messageKey } from './MessagesTable.js';

const LIMITS = [20, 50, 100, 500, 1000];

interface Props {
  clusterId: string;
  topic: string;
  partitionCount: number | undefined;
}

export function MessagesTab({ clusterId, topic, partitionCount }: Props) {
  const [limit, setLimit] = useState(50);
  const [partition, setPartition] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const query = useNewestMessages(clusterId, topic, limit, partition);
  const messages = query.data?.messages;
  const selectedMessage: KafkaMessage | undefined = messages?.find((m) => messageKey(m) === selected);

  return (
    <div className="messages">
      <div className="toolbar">
        <label className="inline-field">
          <span>Limit</span>
          <select value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {n} newest
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Partition</span>
          <select
            value={partition ?? ''}
            onChange={(e) => setPartition(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">All partitions</option>
            {Array.from({ length: partitionCount ?? 0 }, (_, p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
        >
          Refresh
        </button>
        <span role="status" className="muted small">
          {query.isFetching
            ? 'Reading…'
            : messages
              ? `${messages.length} ${messages.length === 1 ? 'message' : 'messages'}, newest first · read at ${formatClock(query.dataUpdatedAt)}`
              : ''}
        </span>
      </div>
      <ErrorAlert error={query.error} title="Could not read messages" onRetry={() => void query.refetch()} />
      <div className={selectedMessage ? 'messages-split with-detail' : 'messages-split'}>
        <MessagesTable
          messages={messages}
          loading={query.isPending}
          selected={selected}
          onSelect={setSelected}
          emptyText={
            partition === null ? 'This topic has no messages yet.' : `Partition ${partition} has no messages yet.`
          }
        />
        {selectedMessage && <MessageDetail message={selectedMessage} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}
