import { useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { formatSize } from '../../lib/bytes.js';
import { formatLocalTime } from '../../lib/time.js';
import { useLagStoreInfo, useUpdateLagSettings } from '../../queries/groups.js';

export function HistorySettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Lag history…
      </button>
      {open && <HistorySettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** How often lag is sampled and how much history may take on disk, with what it takes now. */
function HistorySettingsDialog({ onClose }: { onClose: () => void }) {
  const info = useLagStoreInfo();
  const update = useUpdateLagSettings();
  const [interval, setIntervalText] = useState<string | null>(null);
  const [cap, setCap] = useState<string | null>(null);
  const s = info.data?.settings;
  const intervalText = interval ?? String(s?.sampleIntervalSeconds ?? '');
  const capText = cap ?? String(s?.sizeCapMb ?? '');
  const intervalN = Number(intervalText);
  const capN = Number(capText);
  const intervalError =
    intervalText && !(Number.isInteger(intervalN) && intervalN >= 1 && intervalN <= 60)
      ? 'Whole seconds from 1 to 60'
      : undefined;
  const capError = capText && !(Number.isInteger(capN) && capN >= 10) ? 'At least 10 MB, whole megabytes' : undefined;

  return (
    <Dialog title="Lag history" onClose={onClose} size="small">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (intervalError || capError) return;
          update.mutate({ sampleIntervalSeconds: intervalN, sizeCapMb: capN }, { onSuccess: onClose });
        }}
      >
        <p className="small muted">
          Samsa samples every consumer group of every connected cluster while it runs, and keeps the history on this
          computer: every sample for a day, a point a minute for 30 days, a point per 10 minutes for a year — less if
          the size limit says so.
        </p>
        {info.data?.notice && <p className="warn-text small">{info.data.notice}</p>}
        <div className="form-row">
          <Field label="Sample every (seconds)" error={intervalError} className="field-narrow">
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={intervalText}
                onChange={(e) => setIntervalText(e.target.value)}
              />
            )}
          </Field>
          <Field label="Keep at most (MB)" error={capError} className="field-narrow">
            {(p) => <input {...p} inputMode="numeric" value={capText} onChange={(e) => setCap(e.target.value)} />}
          </Field>
        </div>
        {info.data && (
          <dl className="stats stats-compact">
            <div className="stat">
              <dt>On disk now</dt>
              <dd>{formatSize(info.data.sizeBytes)}</dd>
            </div>
            <div className="stat">
              <dt>Added per day</dt>
              <dd>{info.data.bytesPerDay === null ? 'measuring…' : `≈ ${formatSize(info.data.bytesPerDay)}`}</dd>
            </div>
            <div className="stat">
              <dt>Oldest point</dt>
              <dd>{info.data.oldestPoint === null ? '—' : formatLocalTime(info.data.oldestPoint).slice(0, 16)}</dd>
            </div>
          </dl>
        )}
        <ErrorAlert error={info.error ?? update.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!s || update.isPending}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
