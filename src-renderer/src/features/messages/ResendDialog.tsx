import { useId, useState } from 'react';
import { DEFAULT_PRODUCE_OPTIONS, type Position, type ProduceOptions } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useResend } from '../../queries/produce.js';
import { useTopics } from '../../queries/topics.js';
import { ProduceOptionsFields } from '../produce/ProduceOptionsFields.js';

/** Sends the ticked records again, with their keys, values and headers, to this topic or another. */
export function ResendDialog({
  clusterId,
  topic,
  records,
  onClose,
}: {
  clusterId: string;
  topic: string;
  records: Position[];
  onClose: () => void;
}) {
  const listId = useId();
  const [toTopic, setToTopic] = useState(topic);
  const [partitioning, setPartitioning] = useState<'key' | 'same'>('key');
  const [options, setOptions] = useState<ProduceOptions>(DEFAULT_PRODUCE_OPTIONS);
  const topics = useTopics(clusterId);
  const resend = useResend(clusterId);
  const tooMany = records.length > 10_000;
  return (
    <Dialog title={`Re-send ${records.length} ${records.length === 1 ? 'record' : 'records'}`} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooMany && toTopic.trim())
            resend.mutate({ fromTopic: topic, toTopic: toTopic.trim(), records, partitioning, options });
        }}
      >
        <label className="field">
          <span className="field-label">To topic</span>
          <input
            type="text"
            className="mono"
            list={listId}
            value={toTopic}
            onChange={(e) => setToTopic(e.target.value)}
            data-autofocus
          />
          <datalist id={listId}>
            {topics.data?.map((t) => (
              <option key={t.name} value={t.name} />
            ))}
          </datalist>
        </label>
        <fieldset className="fieldset">
          <legend className="field-label">Partition</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="resend-partitioning"
              checked={partitioning === 'key'}
              onChange={() => setPartitioning('key')}
            />
            By key (the default partitioner decides)
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="resend-partitioning"
              checked={partitioning === 'same'}
              onChange={() => setPartitioning('same')}
            />
            The partition each record came from
          </label>
        </fieldset>
        <ProduceOptionsFields value={options} onChange={setOptions} />
        {tooMany && <p className="warn-text small">At most 10,000 records can be re-sent at once; untick some.</p>}
        <div role="status" className="small">
          {resend.isPending && 'Sending…'}
          {resend.isSuccess &&
            `Sent ${resend.data.sent} ${resend.data.sent === 1 ? 'record' : 'records'} to ${resend.variables.toTopic}.`}
        </div>
        <ErrorAlert error={resend.isPending ? null : resend.error} title="Not re-sent" />
        <div className="dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={resend.isPending || tooMany || !toTopic.trim()}>
            Re-send
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Dialog>
  );
}
