import { useEffect } from 'react';
import type { ConfigEntry, ConfigResource } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useAlterConfigs } from '../../queries/configs.js';
import { humanValue } from './configHelp.js';
import { diffRows, SOURCE_LABEL, type Pending } from './configModel.js';
import { count } from '../../lib/plural.js';

interface Props {
  clusterId: string;
  resource: ConfigResource;
  entries: readonly ConfigEntry[];
  pending: Pending;
  onClose: () => void;
  onApplied: () => void;
}

/**
 * The diff of pending config changes: now → after, with where each value will come from. The broker
 * checks the changes (validate-only) as the dialog opens; Apply sends them.
 */
export function ConfigDiffDialog({ clusterId, resource, entries, pending, onClose, onApplied }: Props) {
  const rows = diffRows(entries, pending, resource);
  const changes = rows.map((r) => r.change);
  const check = useAlterConfigs(clusterId, resource);
  const apply = useAlterConfigs(clusterId, resource);
  const { mutate: runCheck } = check;
  const key = JSON.stringify(changes);
  useEffect(() => {
    runCheck({ changes: JSON.parse(key) as typeof changes, validateOnly: true });
  }, [runCheck, key]);

  const error = apply.error ?? check.error;
  const badRow = error?.field ? /^changes\.(\d+)/.exec(error.field)?.[1] : undefined;
  const what = resource.type === 'topic' ? `topic ${resource.name}` : `broker ${resource.name}`;
  return (
    <Dialog title={`Apply ${count(rows.length, 'change')} to ${what}?`} onClose={onClose} size="large">
      <div className="table-scroll">
        <table className="table diff-table">
          <caption className="visually-hidden">Changes</caption>
          <thead>
            <tr>
              <th scope="col">Config</th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.name} className={badRow === String(i) ? 'row-error' : undefined}>
                <th scope="row" className="mono">
                  {r.name}
                </th>
                <td>
                  <Value name={r.name} value={r.before.value} sensitive={r.before.sensitive} />
                  <span className="muted small human">{SOURCE_LABEL[r.before.source]}</span>
                </td>
                <td>
                  <Value
                    name={r.name}
                    value={r.after.value}
                    sensitive={r.before.sensitive && r.change.action === 'set'}
                  />
                  <span className="muted small human">
                    {r.change.action === 'reset' ? `reset: falls back to ${r.after.note}` : r.after.note}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" className="small">
        {check.isPending
          ? 'Checking the changes with the broker…'
          : check.isSuccess && !apply.isError
            ? '✓ The broker accepts these changes (checked without applying them).'
            : ''}
      </p>
      <ErrorAlert
        error={error}
        title={apply.isError ? 'Nothing was changed' : 'The broker would refuse these changes'}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Back
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={apply.isPending || check.isError}
          onClick={() => apply.mutate({ changes, validateOnly: false }, { onSuccess: onApplied })}
        >
          {apply.isPending ? 'Applying…' : `Apply ${count(rows.length, 'change')}`}
        </button>
      </div>
    </Dialog>
  );
}

function Value({ name, value, sensitive }: { name: string; value: string | null; sensitive: boolean }) {
  if (sensitive) return <span className="muted">hidden (sensitive)</span>;
  if (value === null) return <span className="muted">default</span>;
  const human = humanValue(name, value);
  return (
    <>
      <span className="mono break">{value}</span>
      {human && <span className="muted small"> ({human})</span>}
    </>
  );
}
