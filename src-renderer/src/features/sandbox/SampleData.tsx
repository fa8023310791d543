import { useEffect, useRef, useState } from 'react';
import type { SampleDataPlan, SampleDataResult } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { count } from '../../lib/plural.js';
import { routeHref } from '../../lib/route.js';
import { useConnections } from '../../queries/connections.js';
import { useLoadSampleData, useSampleDataPlan } from '../../queries/sandbox.js';

/**
 * "Load sample data": asks first (saying what will be added, and what is already there), loads, then
 * says what was added with links to it. Loading is idempotent in the core, so a second click adds
 * nothing and the dialog says so before anyone confirms.
 */
export function SampleDataButton({ primary = false, disabled = false }: { primary?: boolean; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const load = useLoadSampleData();
  return (
    <>
      <button
        type="button"
        className={primary ? 'btn btn-primary' : 'btn'}
        disabled={disabled || load.isPending}
        aria-haspopup="dialog"
        onClick={() => {
          load.reset();
          setOpen(true);
        }}
      >
        {load.isPending ? 'Loading sample data…' : 'Load sample data'}
      </button>
      <span role="status" className="small sample-note">
        {load.data && <SampleDataAdded result={load.data} />}
      </span>
      {open && <SampleDataDialog load={load} onClose={() => setOpen(false)} />}
    </>
  );
}

type Load = ReturnType<typeof useLoadSampleData>;

function SampleDataDialog({ load, onClose }: { load: Load; onClose: () => void }) {
  const plan = useSampleDataPlan(!load.data);
  const close = useRef<HTMLButtonElement>(null);
  // Once loaded, focus moves to Close: the dialog's last word is what was added.
  useEffect(() => {
    if (load.data) close.current?.focus();
  }, [load.data]);
  const nothingToAdd = plan.data?.records === 0;
  const done = load.data !== undefined;

  return (
    <Dialog title="Load sample data" onClose={onClose} size="medium">
      <div className="dialog-text sample-dialog">
        {done ? (
          <>
            <p role="status">
              <SampleDataAdded result={load.data} />
            </p>
            <SampleTopicLinks names={[...load.data.topics, ...load.data.skipped]} />
          </>
        ) : plan.isError ? (
          <ErrorAlert error={plan.error} title="Could not look at the sandbox" onRetry={() => void plan.refetch()} />
        ) : !plan.data ? (
          <SkeletonRows rows={4} height={24} label="Looking at what the sandbox holds" />
        ) : nothingToAdd ? (
          <>
            <p role="status">
              Sample data is already loaded: every sample topic holds its records. Loading again would add nothing.
            </p>
            <SampleTopicLinks names={plan.data.topics.map((t) => t.name)} />
          </>
        ) : (
          <SamplePlan plan={plan.data} />
        )}
        <ErrorAlert error={load.error} title="Could not load sample data" />
      </div>
      <div className="dialog-actions">
        {done || nothingToAdd ? (
          <button ref={close} type="button" className="btn" onClick={onClose} data-autofocus>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!plan.data || load.isPending}
              onClick={() => load.mutate()}
            >
              {load.isPending ? 'Loading…' : `Add ${count(plan.data?.records ?? 0, 'record')}`}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}

function SamplePlan({ plan }: { plan: SampleDataPlan }) {
  const adding = plan.topics.filter((t) => !t.loaded);
  return (
    <>
      <p>
        Adds {count(plan.records, 'record')} of keyed JSON to {count(adding.length, 'topic')} on the sandbox, and
        commits offsets for {count(plan.groups.length, 'consumer group')} ({plan.groups.join(', ')}), one of which lags:
      </p>
      <ul className="sample-plan">
        {plan.topics.map((t) => (
          <li key={t.name}>
            <span className="mono">{t.name}</span>{' '}
            <span className="muted">
              {t.loaded
                ? 'already holds records: left as it is'
                : `${count(t.partitions, 'partition')} · ${count(t.records, 'record')}`}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** "Added 480 records to 4 topics and committed offsets for 2 consumer groups. Browse topics" */
export function SampleDataAdded({ result }: { result: SampleDataResult }) {
  const clusterId = useConnections().data?.find((c) => c.sandbox)?.id;
  const browse = clusterId && (
    <a href={routeHref({ page: 'cluster', clusterId, section: 'topics' })}>Browse the sample topics</a>
  );
  if (result.records === 0) {
    return <span>Nothing added: the sample data was already there. {browse}</span>;
  }
  const groups =
    result.groups.length > 0 ? ` and committed offsets for ${count(result.groups.length, 'consumer group')}` : '';
  return (
    <span className="ok-text">
      Added {count(result.records, 'record')} to {count(result.topics.length, 'topic')}
      {groups}. {browse}
    </span>
  );
}

/** Each sample topic, one click from its messages. */
function SampleTopicLinks({ names }: { names: string[] }) {
  const clusterId = useConnections().data?.find((c) => c.sandbox)?.id;
  if (!clusterId || names.length === 0) return null;
  return (
    <ul className="sample-plan" aria-label="Sample topics">
      {names.map((name) => (
        <li key={name}>
          <a className="mono" href={routeHref({ page: 'topic', clusterId, topic: name, tab: 'messages' })}>
            {name}
          </a>
        </li>
      ))}
    </ul>
  );
}
