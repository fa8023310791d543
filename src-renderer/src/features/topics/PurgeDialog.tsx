import { useMemo, useState } from 'react';
import type { TopicDetail } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { usePurge } from '../../queries/topics.js';
import { count } from '../../lib/plural.js';
import { planPurge, purgeTotal } from './purgePlan.js';

type Mode = 'all' | 'offsets';

/** DeleteRecords with its consequence on screen: per partition and in total, how many records go. */
export function PurgeDialog({
  clusterId,
  detail,
  onClose,
}: {
  clusterId: string;
  detail: TopicDetail;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<Mode>('all');
  const [before, setBefore] = useState<Map<number, string>>(new Map());
  const purge = usePurge(clusterId, detail.name);
  const rows = useMemo(
    () => planPurge(detail.partitions, mode === 'all' ? new Map() : before),
    [detail.partitions, mode, before],
  );
  const total = purgeTotal(rows);
  const affected = rows.filter((r) => r.deletes !== null && r.deletes > 0n);

  function submit() {
    if (total === null || total === 0n) return;
    purge.mutate(
      affected.map((r) => ({ partition: r.partition, before: mode === 'all' || r.before === '' ? null : r.before })),
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog title={`Purge records of ${detail.name}`} onClose={onClose} size="large" role="alertdialog">
      <p className="dialog-text">
        Deleted records are gone for every consumer; offsets are not reused. Consumers whose position falls before the
        new start jump ahead as their <code>auto.offset.reset</code> says.
      </p>
      <fieldset className="fieldset">
        <legend>What to delete</legend>
        <label className="checkbox">
          <input type="radio" name="purge-mode" checked={mode === 'all'} onChange={() => setMode('all')} />
          Every record in every partition (empty the topic)
        </label>
        <label className="checkbox">
          <input type="radio" name="purge-mode" checked={mode === 'offsets'} onChange={() => setMode('offsets')} />
          Records before an offset, per partition
        </label>
      </fieldset>
      <div className="table-scroll purge-table">
        <table className="table table-compact">
          <caption className="visually-hidden">Records to delete per partition</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Partition
              </th>
              <th scope="col" className="num">
                Low watermark
              </th>
              <th scope="col" className="num">
                High watermark
              </th>
              {mode === 'offsets' && <th scope="col">Delete before offset</th>}
              <th scope="col" className="num">
                Records to delete
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.partition} className={r.problem ? 'row-warn' : undefined}>
                <td className="num mono">{r.partition}</td>
                <td className="num mono">{r.low.toString()}</td>
                <td className="num mono">{r.high.toString()}</td>
                {mode === 'offsets' && (
                  <td>
                    <input
                      className="mono offset-input"
                      inputMode="numeric"
                      aria-label={`Delete before offset, partition ${r.partition}`}
                      placeholder={`${r.high} (all)`}
                      value={before.get(r.partition) ?? ''}
                      aria-invalid={r.problem !== null}
                      onChange={(e) => setBefore((m) => new Map(m).set(r.partition, e.target.value))}
                    />
                    {r.problem && <div className="field-error">{r.problem}</div>}
                  </td>
                )}
                <td className="num mono">{r.deletes === null ? '—' : r.deletes.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" className="purge-total">
        {total === null
          ? 'Fix the offsets above to see how many records go.'
          : total === 0n
            ? 'Nothing to delete with these offsets.'
            : `${count(total, 'record')} will be deleted from ${count(affected.length, 'partition')}.`}
      </p>
      <ErrorAlert error={purge.error} title="Nothing was deleted" />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={total === null || total === 0n || purge.isPending}
          onClick={submit}
        >
          {purge.isPending ? 'Deleting…' : total ? `Delete ${count(total, 'record')}` : 'Delete records'}
        </button>
      </div>
    </Dialog>
  );
}
