import { useMemo, useState } from 'react';
import type { ConfigChange, ConfigEntry, ConfigResource } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useConfigs } from '../../queries/configs.js';
import { ConfigDiffDialog } from './ConfigDiffDialog.js';
import { CONFIG_HELP, humanValue } from './configHelp.js';
import { canEdit, canReset, filterEntries, SOURCE_LABEL, withChange, type Pending } from './configModel.js';
import { count } from '../../lib/plural.js';

/**
 * Every config of a topic or a broker: value, where it comes from, read-only and sensitive flags.
 * Edits and resets collect as pending changes; nothing reaches the cluster before the diff is reviewed.
 */
export function ConfigTable({ clusterId, resource }: { clusterId: string; resource: ConfigResource }) {
  const configs = useConfigs(clusterId, resource);
  const [query, setQuery] = useState('');
  const [overridesOnly, setOverridesOnly] = useState(false);
  const [pending, setPending] = useState<Pending>(new Map());
  const [editing, setEditing] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [applied, setApplied] = useState<number | null>(null);

  const entries = configs.data?.entries;
  const shown = useMemo(
    () => filterEntries(entries ?? [], { query, overridesOnly, resource, pending }),
    [entries, query, overridesOnly, resource, pending],
  );
  if (configs.isError)
    return (
      <ErrorAlert error={configs.error} title="Could not read the configs" onRetry={() => void configs.refetch()} />
    );
  if (!configs.data) return <SkeletonRows rows={10} label="Loading configs" />;
  const { editable, notEditableReason } = configs.data;
  const change = (e: ConfigEntry, c: ConfigChange | null) => {
    setPending((p) => withChange(p, e, c, resource));
    setApplied(null);
  };

  return (
    <div className="config-table">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label="Search configs"
          placeholder="Search configs by name"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="checkbox small">
          <input type="checkbox" checked={overridesOnly} onChange={(e) => setOverridesOnly(e.target.checked)} />
          Only values that are not Kafka&apos;s default
        </label>
        <span className="muted small" role="status">
          {shown.length === configs.data.entries.length
            ? count(shown.length, 'config')
            : `${shown.length} of ${count(configs.data.entries.length, 'config')}`}
        </span>
      </div>
      {!editable && notEditableReason && (
        <p className="note small" role="note">
          {notEditableReason}
        </p>
      )}
      <div className="table-scroll">
        <table className="table configs">
          <caption className="visually-hidden">Configs</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <ConfigRow
                key={e.name}
                e={e}
                change={pending.get(e.name)}
                editing={editing === e.name}
                editable={editable && canEdit(e)}
                resettable={editable && canReset(e, resource)}
                onEdit={() => setEditing(e.name)}
                onDone={(c) => {
                  if (c !== undefined) change(e, c);
                  setEditing(null);
                }}
              />
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="empty">No config matches “{query}”.</p>}
      </div>
      <div className={`pending-bar ${pending.size > 0 || applied !== null ? '' : 'pending-bar-idle'}`} role="status">
        {pending.size > 0 ? (
          <>
            <span>{count(pending.size, 'change')} not applied yet</span>
            <span className="spacer" />
            <button type="button" className="btn btn-small" onClick={() => setPending(new Map())}>
              Discard
            </button>
            <button type="button" className="btn btn-small btn-primary" onClick={() => setReviewing(true)}>
              Review and apply…
            </button>
          </>
        ) : applied !== null ? (
          <span className="ok-text">✓ Applied {count(applied, 'change')}.</span>
        ) : null}
      </div>
      {reviewing && (
        <ConfigDiffDialog
          clusterId={clusterId}
          resource={resource}
          entries={configs.data.entries}
          pending={pending}
          onClose={() => setReviewing(false)}
          onApplied={() => {
            setApplied(pending.size);
            setPending(new Map());
            setReviewing(false);
          }}
        />
      )}
    </div>
  );
}

interface RowProps {
  e: ConfigEntry;
  change: ConfigChange | undefined;
  editing: boolean;
  editable: boolean;
  resettable: boolean;
  onEdit: () => void;
  /** undefined: closed without a change; null: drop the pending change. */
  onDone: (c: ConfigChange | null | undefined) => void;
}

function ConfigRow({ e, change, editing, editable, resettable, onEdit, onDone }: RowProps) {
  const help = CONFIG_HELP[e.name] ?? e.documentation;
  const human = humanValue(e.name, e.value);
  return (
    <tr className={change ? 'row-pending' : undefined}>
      <th scope="row" className="config-name">
        <span className="mono">{e.name}</span>
        {help && (
          <span className="config-help" title={help}>
            {help}
          </span>
        )}
      </th>
      <td className="config-value">
        {editing ? (
          <ValueEditor e={e} initial={change?.action === 'set' ? change.value : (e.value ?? '')} onDone={onDone} />
        ) : change ? (
          <PendingValue e={e} change={change} />
        ) : e.sensitive ? (
          <span className="muted">hidden (sensitive)</span>
        ) : (
          <>
            <span className="mono break">{e.value ?? <span className="muted">not set</span>}</span>
            {human && <span className="muted small human">{human}</span>}
          </>
        )}
      </td>
      <td className="config-source">
        <span className={`source source-${e.source}`}>{SOURCE_LABEL[e.source]}</span>
        {e.readOnly && <span className="tag">read-only</span>}
        {e.sensitive && <span className="tag">sensitive</span>}
      </td>
      <td className="config-actions">
        {!editing && change && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => onDone(null)}
            aria-label={`Undo change to ${e.name}`}
          >
            Undo
          </button>
        )}
        {!editing && !change && editable && (
          <button type="button" className="btn btn-small btn-quiet" onClick={onEdit} aria-label={`Edit ${e.name}`}>
            Edit
          </button>
        )}
        {!editing && !change && resettable && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => onDone({ action: 'reset', name: e.name })}
            aria-label={`Reset ${e.name} to default`}
          >
            Reset
          </button>
        )}
      </td>
    </tr>
  );
}

function PendingValue({ e, change }: { e: ConfigEntry; change: ConfigChange }) {
  if (change.action === 'reset') {
    const fb = e.fallback;
    return (
      <span>
        <span className="pending-mark">reset</span> →{' '}
        {fb?.value != null ? <span className="mono">{fb.value}</span> : 'default'}
        <span className="muted small human">{fb ? SOURCE_LABEL[fb.source] : "the broker's or Kafka's default"}</span>
      </span>
    );
  }
  return (
    <span>
      <span className="pending-mark">new</span>{' '}
      <span className="mono break">{e.sensitive ? '••••••' : change.value}</span>
      {!e.sensitive && humanValue(e.name, change.value) && (
        <span className="muted small human">{humanValue(e.name, change.value)}</span>
      )}
    </span>
  );
}

function ValueEditor({
  e,
  initial,
  onDone,
}: {
  e: ConfigEntry;
  initial: string;
  onDone: (c: ConfigChange | null | undefined) => void;
}) {
  const [value, setValue] = useState(e.sensitive ? '' : initial);
  const human = humanValue(e.name, value);
  return (
    <form
      className="value-editor-inline"
      onSubmit={(ev) => {
        ev.preventDefault();
        onDone({ action: 'set', name: e.name, value });
      }}
    >
      <input
        className="mono"
        type={e.sensitive ? 'password' : 'text'}
        aria-label={`New value of ${e.name}`}
        autoFocus
        value={value}
        onChange={(ev) => setValue(ev.target.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Escape') {
            ev.preventDefault();
            ev.stopPropagation();
            onDone(undefined);
          }
        }}
      />
      <button type="submit" className="btn btn-small">
        Keep
      </button>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => onDone(undefined)}>
        Cancel
      </button>
      {human && <span className="muted small human">{human}</span>}
    </form>
  );
}
