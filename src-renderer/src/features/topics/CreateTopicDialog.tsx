import { useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useClusterOverview } from '../../queries/cluster.js';
import { useCreateTopic, useCreateTopicCheck, useTopics } from '../../queries/topics.js';
import { navigate } from '../shell/useRoute.js';
import {
  checkForm,
  configsOf,
  emptyForm,
  mixesDotAndUnderscore,
  serverFieldError,
  type CreateTopicForm,
} from './createTopicForm.js';
import { TopicSettingsFields } from './TopicSettingsFields.js';
import { useDebounced } from './useDebounced.js';

/** Wait this long after the last keystroke before asking the broker (validate-only). */
const CHECK_DELAY_MS = 450;

export function CreateTopicDialog({ clusterId, onClose }: { clusterId: string; onClose: () => void }) {
  const overview = useClusterOverview(clusterId);
  const brokerCount = overview.data?.brokers.length ?? null;
  const existing = useTopics(clusterId).data;
  const [form, setForm] = useState<CreateTopicForm>(() => emptyForm(brokerCount ?? 1));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const create = useCreateTopic(clusterId);

  const names = useMemo(() => existing?.map((t) => t.name) ?? [], [existing]);
  const local = checkForm(form, { existing: names, brokerCount });
  const { configs, origins } = configsOf(form);
  const params = {
    name: form.name,
    partitions: Number(form.partitions),
    replicationFactor: Number(form.replicationFactor),
    configs,
  };
  // The broker is asked only about forms that pass Samsa's own checks, once typing pauses.
  const ready = Object.keys(local).length === 0 ? params : null;
  const settled = useDebounced(ready, CHECK_DELAY_MS);
  const checkingThis = settled !== null && JSON.stringify(settled) === JSON.stringify(ready);
  const check = useCreateTopicCheck(clusterId, checkingThis ? settled : null);

  const serverError = create.error ?? (checkingThis ? check.error : null);
  const placed = serverError ? serverFieldError(serverError, origins) : null;
  const shown = (key: string): string | undefined =>
    (touched[key] || touched._submit ? local[key] : undefined) ?? (placed?.key === key ? placed.message : undefined);
  // An error that names no field (a policy, an authorisation problem) shows as an alert.
  const unplaced = serverError && !placed ? serverError : null;

  const set = (patch: Partial<CreateTopicForm>, key?: string) => {
    setForm((f) => ({ ...f, ...patch }));
    if (key) setTouched((t) => ({ ...t, [key]: true }));
    create.reset();
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched((t) => ({ ...t, _submit: true }));
    if (!ready) return;
    create.mutate(
      { ...ready, validateOnly: false },
      {
        onSuccess: () => {
          onClose();
          navigate({ page: 'topic', clusterId, topic: ready.name, tab: 'partitions' });
        },
      },
    );
  }

  const nameHint = mixesDotAndUnderscore(form.name)
    ? 'Mixing "." and "_" invites collisions: Kafka treats them alike in metric names. Prefer one of them.'
    : 'Letters, digits, ".", "_" and "-"; at most 249 characters. Dotted names like orders.v1.created group well.';

  return (
    <Dialog title="Create topic" onClose={onClose} size="large">
      <form className="form create-topic" onSubmit={submit} noValidate>
        <Field label="Name" error={shown('name')} hint={nameHint}>
          {(c) => (
            <input
              {...c}
              className="mono"
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              value={form.name}
              onChange={(e) => set({ name: e.target.value }, 'name')}
            />
          )}
        </Field>
        <div className="form-row">
          <Field
            label="Partitions"
            error={shown('partitions')}
            hint="Consumers of one group share the partitions: at most one reads each. Partitions can be added later, never removed."
          >
            {(c) => (
              <input
                {...c}
                className="mono"
                inputMode="numeric"
                value={form.partitions}
                onChange={(e) => set({ partitions: e.target.value }, 'partitions')}
              />
            )}
          </Field>
          <Field
            label="Replication factor"
            error={shown('replicationFactor')}
            hint={`Copies of each partition, each on its own broker. This cluster has ${brokerCount ?? '…'} broker${brokerCount === 1 ? '' : 's'}.`}
          >
            {(c) => (
              <input
                {...c}
                className="mono"
                inputMode="numeric"
                value={form.replicationFactor}
                onChange={(e) => set({ replicationFactor: e.target.value }, 'replicationFactor')}
              />
            )}
          </Field>
        </div>
        <TopicSettingsFields
          form={form}
          errorOf={shown}
          replicationFactor={Number.isInteger(params.replicationFactor) ? params.replicationFactor : null}
          onSetting={(key, value) => set({ settings: { ...form.settings, [key]: value } }, `setting:${key}`)}
          onExtra={(extra) => set({ extra })}
        />
        {unplaced && <ErrorAlert error={unplaced} title="The broker refused this topic" />}
        <div className="dialog-actions">
          <BrokerCheck
            pending={ready !== null && (!checkingThis || check.isFetching)}
            ok={checkingThis && check.isSuccess}
            failed={checkingThis && check.isError ? check.error.message : null}
            localProblems={Object.keys(local).length}
          />
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create topic'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** One line that says what the broker thinks of the topic as typed so far. */
function BrokerCheck(p: { pending: boolean; ok: boolean; failed: string | null; localProblems: number }) {
  let text = '';
  let cls = 'muted';
  if (p.localProblems > 0) text = '';
  else if (p.pending) text = 'Checking with the broker…';
  else if (p.ok) {
    text = '✓ The broker accepts this topic (checked without creating it).';
    cls = 'ok-text';
  } else if (p.failed) {
    text = `The broker would refuse it: ${p.failed}`;
    cls = 'error-text';
  }
  return (
    <span role="status" className={`small broker-check ${cls}`} title={text}>
      {text}
    </span>
  );
}
