import type { TlsVerification } from '../../contract.js';
import { Field } from '../../components/Field.js';
import type { FieldErrors } from '../../lib/fieldErrors.js';
import { PemFileField } from './PemFileField.js';
import { isEncryptedKey, type PemChoice, type PemSlot, type TlsFormState } from './tlsForm.js';

interface Props {
  form: TlsFormState;
  errors: FieldErrors;
  /** The saved key is used if the person leaves it as it is. */
  keySaved: boolean;
  /** Why a saved key cannot be used here (e.g. the keychain changed). */
  keyProblem: string | null;
  onChange: (patch: Partial<TlsFormState>) => void;
}

const WARNINGS: Record<Exclude<TlsVerification, 'full'>, string> = {
  'skip-hostname':
    'Host names are not checked: any certificate your CA signed is accepted, even one issued for another server.',
  none: 'Certificates are not checked at all: anyone on the network path can pose as the cluster and read your password and data. Use this only to diagnose a connection.',
};

/** Settings for a TLS connection: whose certificates to trust, the client's own (mTLS), and how strictly to check. */
export function TlsFields({ form, errors, keySaved, keyProblem, onChange }: Props) {
  const fromImport = (slot: PemSlot) => {
    const path = form.filesToChoose[slot];
    return path ? `The imported file names ${path}: choose that file here.` : undefined;
  };
  const pick = (slot: PemSlot, key: 'ca' | 'clientCert' | 'clientKey') => (value: PemChoice | null) => {
    const { [slot]: _done, ...rest } = form.filesToChoose;
    onChange({ [key]: value, filesToChoose: rest });
  };
  const key = form.clientKey;
  const showPassphrase = key === 'saved' || (key !== null && isEncryptedKey(key.text)) || form.passphrase !== '';

  return (
    <fieldset className="tls-fields">
      <legend className="visually-hidden">TLS settings</legend>
      <PemFileField
        label="CA certificate"
        value={form.ca}
        emptyText="This computer's trusted CAs"
        hint={
          fromImport('caPem') ?? 'The CA that signed the brokers’ certificates, as a PEM file. Needed for a private CA.'
        }
        error={errors['tlsOptions.caPem']}
        onChange={pick('caPem', 'ca')}
      />
      <PemFileField
        label="Client certificate"
        value={form.clientCert}
        emptyText="None"
        hint={fromImport('clientCertPem') ?? 'For brokers that require mutual TLS.'}
        error={errors['tlsOptions.clientCertPem']}
        onChange={pick('clientCertPem', 'clientCert')}
      />
      <PemFileField
        label="Client private key"
        value={key === 'saved' && !keySaved ? null : key}
        emptyText={key === 'saved' ? 'Choose it again for the changed settings' : 'None'}
        hint={fromImport('clientKeyPem') ?? keyProblem ?? 'Kept encrypted, never shown again.'}
        error={errors['tlsOptions.clientKeyPem']}
        onChange={pick('clientKeyPem', 'clientKey')}
      />
      {showPassphrase && (
        <Field
          label="Key passphrase"
          error={errors['tlsOptions.clientKeyPassphrase']}
          hint={key === 'saved' ? 'Saved with the key — leave empty to keep it' : 'The key file is encrypted.'}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="off"
              value={form.passphrase}
              onChange={(e) => onChange({ passphrase: e.target.value })}
            />
          )}
        </Field>
      )}
      <div className="form-row">
        <Field
          label="Certificate checks"
          error={errors['tlsOptions.verification']}
          hint={form.verification === 'full' ? 'Recommended' : undefined}
        >
          {(p) => (
            <select
              {...p}
              value={form.verification}
              onChange={(e) => onChange({ verification: e.target.value as TlsVerification })}
            >
              <option value="full">CA and host name</option>
              <option value="skip-hostname">CA only, not host name</option>
              <option value="none">None: accept any</option>
            </select>
          )}
        </Field>
        <Field
          label="Certificate host name"
          error={errors['tlsOptions.serverName']}
          hint="Only if it differs from the bootstrap host (a tunnel)"
        >
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              spellCheck={false}
              autoComplete="off"
              placeholder="kafka.example.com"
              value={form.serverName}
              onChange={(e) => onChange({ serverName: e.target.value })}
            />
          )}
        </Field>
      </div>
      {form.verification !== 'full' && (
        <div role="note" className="tls-warning">
          <strong>Warning:</strong> {WARNINGS[form.verification]}
        </div>
      )}
    </fieldset>
  );
}
