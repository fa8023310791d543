import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConnectionProfile } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import type { FieldErrors } from '../../lib/fieldErrors.js';
import { useAppInfo } from '../../queries/app.js';
import { useSaveConnection, useTestConnection } from '../../queries/connections.js';
import {
  emptyConnectionForm,
  formFieldFromServer,
  formFromProfile,
  savedKeyApplies,
  savedPasswordApplies,
  validateConnectionForm,
  type ConnectionFormState,
  type SaslChoice,
} from './connectionForm.js';
import { ImportConfigButton, ImportReportPanel } from './ImportConfig.js';
import type { FormPatch, ImportReport } from './import/importConfig.js';
import { TestConnectionResult } from './TestConnectionResult.js';
import { TlsFields } from './TlsFields.js';
import './connections.css';

interface Props {
  /** Absent: add a new connection. */
  profile?: ConnectionProfile;
  onClose: () => void;
  onSaved: (saved: ConnectionProfile) => void;
}

/** Add / edit form. A failed save or test leaves every field as typed. */
export function ConnectionDialog({ profile, onClose, onSaved }: Props) {
  const [form, setForm] = useState<ConnectionFormState>(() =>
    profile ? formFromProfile(profile) : emptyConnectionForm,
  );
  // Errors appear once the person tries to test or save, then follow their edits live.
  const [showErrors, setShowErrors] = useState(false);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const save = useSaveConnection();
  const test = useTestConnection();

  const passwordSaved = savedPasswordApplies(form, profile);
  const keySaved = savedKeyApplies(form, profile);
  const secretStorage = useAppInfo().data?.secretStorage;
  const validation = validateConnectionForm(form, { editing: Boolean(profile), passwordSaved, keySaved });
  const errors: FieldErrors = showErrors && !validation.ok ? { ...validation.errors } : {};
  const serverError = save.error ?? test.error;
  const serverField = formFieldFromServer(serverError?.field);
  if (serverField && !errors[serverField] && serverError) errors[serverField] = serverError.message;

  function update<K extends keyof ConnectionFormState>(key: K, value: ConnectionFormState[K]) {
    patch({ [key]: value });
  }

  function patch(p: FormPatch) {
    setForm((f) => ({ ...f, ...p }));
    test.reset(); // a test result describes the settings it was run with
  }

  function onImported(p: FormPatch, report: ImportReport) {
    // A name, if none was typed yet: the first server's host.
    const host = p.servers?.split('\n')[0]?.replace(/:\d+$/, '');
    patch({ ...p, ...(form.name.trim() === '' && host ? { name: host } : {}) });
    setImported(report);
    setShowErrors(false);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setShowErrors(true);
    if (!validation.ok || save.isPending) return;
    test.reset();
    save.mutate({ id: profile?.id ?? null, input: validation.input }, { onSuccess: onSaved });
  }

  function onTest() {
    setShowErrors(true);
    if (!validation.ok || test.isPending) return;
    save.reset();
    // The id lets the main process use the saved password when the field is left empty.
    test.mutate(profile ? { ...validation.input, id: profile.id } : validation.input);
  }

  // Enter saves from the servers box too; Shift+Enter adds a line.
  function onServersKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      e.currentTarget.form?.requestSubmit();
    }
  }

  return (
    <Dialog title={profile ? 'Edit connection' : 'Add connection'} onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ImportConfigButton onImported={onImported} />
        {imported && <ImportReportPanel report={imported} onDismiss={() => setImported(null)} />}
        <Field label="Name" error={errors.name}>
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              value={form.name}
              onChange={(e) => update('name', e.target.value)}
              data-autofocus
            />
          )}
        </Field>
        <Field
          label="Bootstrap servers"
          error={errors.bootstrapServers}
          hint="host:port, separated by commas or new lines (Shift+Enter)"
        >
          {(p) => (
            <textarea
              {...p}
              className="mono"
              rows={2}
              spellCheck={false}
              placeholder="localhost:9092"
              value={form.servers}
              onChange={(e) => update('servers', e.target.value)}
              onKeyDown={onServersKeyDown}
            />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={form.tls} onChange={(e) => update('tls', e.target.checked)} />
          Use TLS
        </label>
        {form.tls && (
          <TlsFields
            form={form}
            errors={errors}
            keySaved={keySaved}
            keyProblem={profile?.tlsOptions?.clientKeyProblem ?? null}
            onChange={patch}
          />
        )}
        <Field label="SASL mechanism">
          {(p) => (
            <select {...p} value={form.mechanism} onChange={(e) => update('mechanism', e.target.value as SaslChoice)}>
              <option value="none">None</option>
              <option value="plain">PLAIN</option>
              <option value="scram-sha-256">SCRAM-SHA-256</option>
              <option value="scram-sha-512">SCRAM-SHA-512</option>
            </select>
          )}
        </Field>
        {form.mechanism !== 'none' && (
          <div className="form-row">
            <Field label="Username" error={errors['sasl.username']}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  autoComplete="username"
                  value={form.username}
                  onChange={(e) => update('username', e.target.value)}
                />
              )}
            </Field>
            <Field
              label="Password"
              error={errors['sasl.password']}
              hint={profile?.sasl?.passwordProblem ?? secretStorage?.description}
            >
              {(p) => (
                <input
                  {...p}
                  type="password"
                  autoComplete="current-password"
                  placeholder={
                    passwordSaved
                      ? 'Saved — leave empty to keep'
                      : profile?.sasl?.passwordSaved
                        ? 'Enter it again for the changed settings'
                        : undefined
                  }
                  value={form.password}
                  onChange={(e) => update('password', e.target.value)}
                />
              )}
            </Field>
          </div>
        )}

        <TestConnectionResult pending={test.isPending} result={test.data} />
        <ErrorAlert
          error={serverError}
          title={test.error ? 'Connection test failed' : 'Could not save the connection'}
        />

        <div className="dialog-actions">
          {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-action */}
          <button type="button" className="btn" onClick={onTest} aria-disabled={test.isPending}>
            Test connection
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
