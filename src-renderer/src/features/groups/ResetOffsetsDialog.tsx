import { useState } from 'react';
import type { GroupDetail, ResetParams, ResetPlan } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { formatCount } from '../../lib/offsets.js';
import { useResetApply, useResetPreview } from '../../queries/groups.js';
import { formatLag } from './format.js';
import { parsePartitions, toResetRequest, type ResetForm } from './resetForm.js';

const MODES: [ResetForm['mode'], string][] = [
  ['earliest', 'To earliest'],
  ['latest', 'To latest'],
  ['datetime', 'To a date and time'],
  ['duration', 'By duration (back from now)'],
  ['offset', 'To an offset'],
  ['shift', 'Shift by N'],
  ['current', 'To current'],
];

/** Like kafka-consumer-groups --reset-offsets: choose, preview (current → new, lag after), then apply. */
export function ResetOffsetsDialog({
  clusterId,
  detail,
  onClose,
}: {
  clusterId: string;
  detail: GroupDetail;
  onClose: () => void;
}) {
  const topics = detail.topics.map((t) => t.topic);
  const [form, setForm] = useState<ResetForm>({
    scope: 'all',
    topic: topics[0] ?? '',
    partitions: '',
    mode: 'earliest',
    datetime: '',
    durationValue: '60',
    durationUnit: 'minutes',
    offset: '0',
    shift: '-100',
  });
  const preview = useResetPreview();
  const apply = useResetApply();
  const [previewed, setPreviewed] = useState<{ key: string; plan: ResetPlan } | null>(null);
  const built = toResetRequest(form);
  const request: ResetParams | null = built.ok ? { clusterId, groupId: detail.groupId, ...built.value } : null;
  const key = JSON.stringify(request);
  const current = previewed?.key === key ? previewed.plan : null;
  const set = <K extends keyof ResetForm>(k: K, v: ResetForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <Dialog title={`Reset offsets of ${detail.groupId}`} onClose={onClose}>
      <form
        className="form reset-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!request) return;
          apply.reset();
          preview.mutate(request, { onSuccess: (plan) => setPreviewed({ key, plan }) });
        }}
      >
        <fieldset className="fieldset">
          <legend>Which partitions</legend>
          <div className="radio-row">
            {(
              [
                ['all', 'All topics of the group'],
                ['topic', 'One topic'],
                ['partitions', 'Chosen partitions'],
              ] as const
            ).map(([v, text]) => (
              <label key={v} className="checkbox">
                <input type="radio" name="reset-scope" checked={form.scope === v} onChange={() => set('scope', v)} />
                {text}
              </label>
            ))}
          </div>
          {form.scope !== 'all' && (
            <div className="form-row">
              <Field label="Topic" className="field-grow">
                {(p) => (
                  <input
                    {...p}
                    className="mono"
                    list="reset-topics"
                    value={form.topic}
                    onChange={(e) => set('topic', e.target.value)}
                  />
                )}
              </Field>
              <datalist id="reset-topics">
                {topics.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
              {form.scope === 'partitions' && (
                <Field
                  label="Partitions"
                  error={
                    form.partitions && !parsePartitions(form.partitions)
                      ? 'Use numbers and ranges, like 0,2,5-7'
                      : undefined
                  }
                  hint="For example 0,2,5-7"
                >
                  {(p) => (
                    <input
                      {...p}
                      className="mono"
                      value={form.partitions}
                      onChange={(e) => set('partitions', e.target.value)}
                    />
                  )}
                </Field>
              )}
            </div>
          )}
        </fieldset>
        <div className="form-row">
          <Field label="Reset">
            {(p) => (
              <select {...p} value={form.mode} onChange={(e) => set('mode', e.target.value as ResetForm['mode'])}>
                {MODES.map(([v, text]) => (
                  <option key={v} value={v}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.mode === 'datetime' && (
            <Field
              label="Date and time (local)"
              error={built.ok ? undefined : built.field === 'datetime' ? built.error : undefined}
            >
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  step={1}
                  value={form.datetime}
                  onChange={(e) => set('datetime', e.target.value)}
                />
              )}
            </Field>
          )}
          {form.mode === 'duration' && (
            <>
              <Field
                label="Go back"
                error={!built.ok && built.field === 'duration' ? built.error : undefined}
                className="field-narrow"
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="numeric"
                    value={form.durationValue}
                    onChange={(e) => set('durationValue', e.target.value)}
                  />
                )}
              </Field>
              <Field label="Unit" className="field-narrow">
                {(p) => (
                  <select
                    {...p}
                    value={form.durationUnit}
                    onChange={(e) => set('durationUnit', e.target.value as ResetForm['durationUnit'])}
                  >
                    <option value="minutes">minutes</option>
                    <option value="hours">hours</option>
                    <option value="days">days</option>
                  </select>
                )}
              </Field>
            </>
          )}
          {form.mode === 'offset' && (
            <Field label="Offset" error={!built.ok && built.field === 'offset' ? built.error : undefined}>
              {(p) => (
                <input {...p} className="mono" value={form.offset} onChange={(e) => set('offset', e.target.value)} />
              )}
            </Field>
          )}
          {form.mode === 'shift' && (
            <Field
              label="Shift by"
              hint="Negative goes back"
              error={!built.ok && built.field === 'shift' ? built.error : undefined}
            >
              {(p) => (
                <input {...p} className="mono" value={form.shift} onChange={(e) => set('shift', e.target.value)} />
              )}
            </Field>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={!request || preview.isPending}>
            {preview.isPending ? 'Previewing…' : 'Preview'}
          </button>
          {!built.ok && !built.field && <span className="field-error">{built.error}</span>}
        </div>
      </form>
      <ErrorAlert error={preview.error} title="Could not preview the reset" />
      {current && <PlanTable plan={current} />}
      {current && current.activeMembers.length > 0 && (
        <p className="warn-text small" role="alert">
          The group has {current.activeMembers.length} active member{current.activeMembers.length === 1 ? '' : 's'} (
          {current.activeMembers.map((m) => `${m.clientId || m.memberId}${m.host ? ` on ${m.host}` : ''}`).join(', ')}).
          Offsets can be reset only while no consumer of the group runs: stop them, then preview again.
        </p>
      )}
      <ErrorAlert error={apply.error} title="The reset was refused" />
      {apply.data && (
        <p className="ok-text small" role="status">
          Reset applied to {apply.data.rows.length} partition{apply.data.rows.length === 1 ? '' : 's'}. Lag is now{' '}
          {formatLag(apply.data.lagAfter)}.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {apply.data ? 'Close' : 'Cancel'}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={!current || !request || apply.isPending || Boolean(apply.data)}
          onClick={() => request && apply.mutate(request)}
        >
          {apply.isPending ? 'Applying…' : 'Apply reset'}
        </button>
      </div>
    </Dialog>
  );
}

function PlanTable({ plan }: { plan: ResetPlan }) {
  return (
    <div className="table-scroll reset-plan">
      <table className="table table-compact">
        <caption>
          Preview: {plan.rows.length} partition{plan.rows.length === 1 ? '' : 's'}, lag {formatLag(plan.lagBefore)} →{' '}
          {formatLag(plan.lagAfter)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col" className="num">
              Partition
            </th>
            <th scope="col" className="num">
              Current
            </th>
            <th scope="col" className="num">
              New
            </th>
            <th scope="col" className="num">
              Log start
            </th>
            <th scope="col" className="num">
              Log end
            </th>
            <th scope="col" className="num">
              Lag after
            </th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {plan.rows.map((r) => (
            <tr key={`${r.topic}-${r.partition}`}>
              <td className="mono">{r.topic}</td>
              <td className="num mono">{r.partition}</td>
              <td className="num mono">
                {r.current === null ? <span className="muted">none</span> : formatCount(r.current)}
              </td>
              <td className="num mono">{formatCount(r.target)}</td>
              <td className="num mono">{formatCount(r.logStart)}</td>
              <td className="num mono">{formatCount(r.logEnd)}</td>
              <td className="num mono">{formatCount(r.lagAfter)}</td>
              <td className="small">{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
