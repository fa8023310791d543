import { useState } from 'react';
import type { KeyMovePreview, TopicDetail } from '../../contract.js';
import { PARTITIONS_MAX } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useAddPartitions, useKeyMovePreview } from '../../queries/topics.js';
import { count } from '../../lib/plural.js';
import { useDebounced } from './useDebounced.js';

const PARTITIONER_WORDS = {
  murmur2: 'murmur2 key hashing (Java clients, kafkajs)',
  crc32: "CRC-32 key hashing (librdkafka's default: kcat, confluent-kafka clients)",
} as const;

/** Growing a topic moves keys to other partitions: the dialog shows how many of the recent ones. */
export function AddPartitionsDialog({
  clusterId,
  detail,
  onClose,
}: {
  clusterId: string;
  detail: TopicDetail;
  onClose: () => void;
}) {
  const current = detail.partitions.length;
  const [typed, setTyped] = useState(String(current + 1));
  const add = useAddPartitions(clusterId, detail.name);
  const total = /^\d+$/.test(typed.trim()) ? Number(typed) : NaN;
  const problem = !Number.isInteger(total)
    ? 'Enter the new total as a whole number.'
    : total <= current
      ? `The topic has ${count(current, 'partition')}; enter a larger total. Kafka never removes partitions.`
      : total > PARTITIONS_MAX
        ? `Samsa grows a topic to at most ${PARTITIONS_MAX.toLocaleString('en-US')} partitions.`
        : null;
  const settled = useDebounced(problem ? null : total, 400);
  const preview = useKeyMovePreview(clusterId, detail.name, settled);
  const added = problem ? 0 : total - current;

  return (
    <Dialog title={`Add partitions to ${detail.name}`} onClose={onClose} size="medium">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) add.mutate(total, { onSuccess: onClose });
        }}
      >
        <Field
          label="New total number of partitions"
          error={problem ?? undefined}
          hint={`Now ${count(current, 'partition')}. New partitions start empty; existing records stay where they are.`}
        >
          {(c) => (
            <input
              {...c}
              className="mono"
              inputMode="numeric"
              data-autofocus
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                add.reset();
              }}
            />
          )}
        </Field>
        <section className="key-moves" aria-labelledby="key-moves-title" aria-busy={preview.isFetching}>
          <h3 id="key-moves-title" className="small-heading">
            Keyed records from now on
          </h3>
          <p className="small">
            Producers pick a partition from the key&apos;s hash modulo the partition count. With a new count, most keys
            map elsewhere: records of one key are then split between their old and new partition, and a consumer may see
            them out of order across the two.
          </p>
          <KeyMoves
            preview={settled === null ? undefined : preview.data}
            loading={preview.isFetching}
            error={preview.error}
          />
        </section>
        <ErrorAlert error={add.error} title="No partitions were added" />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={problem !== null || add.isPending}>
            {add.isPending ? 'Adding…' : problem ? 'Add partitions' : `Add ${count(added, 'partition')}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function KeyMoves({
  preview,
  loading,
  error,
}: {
  preview: KeyMovePreview | undefined;
  loading: boolean;
  error: unknown;
}) {
  if (error) return <ErrorAlert error={error} title="Could not sample recent keys" />;
  if (!preview) return <p className="muted small">{loading ? 'Reading recent records…' : ''}</p>;
  if (preview.sampledRecords === 0) return <p className="muted small">The topic has no records to sample yet.</p>;
  if (preview.keyedRecords === 0)
    return (
      <p className="small">
        None of the {count(preview.sampledRecords, 'newest record')} has a key: they are spread over partitions, so
        nothing moves.
      </p>
    );
  const share = preview.distinctKeys ? Math.round((preview.movingKeys / preview.distinctKeys) * 100) : 0;
  return (
    <div className={loading ? 'stale' : undefined}>
      <p className="key-moves-figure" role="status">
        <strong>
          {preview.movingKeys.toLocaleString('en-US')} of {count(preview.distinctKeys, 'key')} ({share}%)
        </strong>{' '}
        would go to another partition with {preview.totalCount} partitions ({count(preview.movingRecords, 'record')} of
        the {preview.keyedRecords.toLocaleString('en-US')} keyed ones sampled).
      </p>
      <p className="muted small">
        {preview.partitioner
          ? `Where these keys are now matches ${PARTITIONER_WORDS[preview.partitioner]} for ${preview.matchingRecords} of ${count(preview.keyedRecords, 'record')}.`
          : `The sampled keys do not follow a key-hash partitioner Samsa knows (a custom partitioner, or partitions chosen explicitly); figures assume Java's default.`}
      </p>
      {preview.examples.length > 0 && (
        <table className="table table-compact key-examples">
          <caption className="visually-hidden">Examples of keys that move</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col" className="num">
                Now
              </th>
              <th scope="col" className="num">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.examples.map((e) => (
              <tr key={e.key}>
                <td className="mono ellipsis">{e.key}</td>
                <td className="num mono">{e.from}</td>
                <td className="num mono">{e.to}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
