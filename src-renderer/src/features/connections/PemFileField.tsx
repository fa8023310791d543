import { useRef, useState, type ReactNode } from 'react';
import { Field } from '../../components/Field.js';
import { describePem, readPemFile, type PemChoice } from './tlsForm.js';

interface Props {
  label: string;
  /** What is chosen now: a file, a saved certificate, a saved key ('saved', never shown), or nothing. */
  value: PemChoice | 'saved' | null;
  /** Shown when nothing is chosen, e.g. "This computer's trusted CAs". */
  emptyText: string;
  hint?: ReactNode;
  error?: string;
  onChange: (value: PemChoice | null) => void;
}

function stateText(value: Props['value'], emptyText: string): string {
  if (value === null) return emptyText;
  if (value === 'saved') return 'Saved with the connection (not shown)';
  const what = describePem(value.text);
  return value.fileName ? `${value.fileName} · ${what}` : `Saved · ${what}`;
}

/**
 * A PEM file chosen with the system's file dialog and read here, in the window (File API): only
 * its text goes to the main process, never a path for it to open.
 */
export function PemFileField({ label, value, emptyText, hint, error, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string | null>(null);

  async function onPick(file: File | undefined) {
    if (!file) return;
    try {
      onChange(await readPemFile(file, `the ${label.toLowerCase()}`));
      setReadError(null);
    } catch (e) {
      setReadError((e as Error).message);
    }
  }

  return (
    <Field label={label} error={readError ?? error} hint={hint}>
      {(p) => (
        <div className="pem-file">
          <span className={`pem-file-state ${value === null ? 'muted' : ''}`} title={stateText(value, emptyText)}>
            {stateText(value, emptyText)}
          </span>
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Choose file for ${label}`}
            aria-describedby={p['aria-describedby']}
            aria-invalid={p['aria-invalid']}
            onClick={() => input.current?.click()}
          >
            Choose file…
          </button>
          {value !== null && (
            <button
              type="button"
              className="btn btn-small btn-quiet"
              aria-label={`Remove ${label}`}
              onClick={() => {
                setReadError(null);
                onChange(null);
              }}
            >
              Remove
            </button>
          )}
          <input
            ref={input}
            id={p.id}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            accept=".pem,.crt,.cer,.key,.txt,application/x-pem-file"
            onChange={(e) => {
              void onPick(e.target.files?.[0]);
              // The same file again must count as a new choice.
              e.target.value = '';
            }}
          />
        </div>
      )}
    </Field>
  );
}
