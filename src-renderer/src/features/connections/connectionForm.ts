import {
  ConnectionInputSchema,
  ConnectionUpdateInputSchema,
  type ConnectionInput,
  type ConnectionProfile,
} from '../../contract.js';
import { fieldErrorsFromIssues, type FieldErrors } from '../../lib/fieldErrors.js';
import { formatBootstrapServers, parseBootstrapServers } from '../../lib/servers.js';
import { emptyTlsForm, sameTrust, tlsFormFromProfile, tlsOptionsFromForm, type TlsFormState } from './tlsForm.js';

export type SaslChoice = 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** What the inputs hold: strings as typed, so nothing is lost or reformatted under the cursor. */
export interface ConnectionFormState extends TlsFormState {
  name: string;
  servers: string;
  tls: boolean;
  mechanism: SaslChoice;
  username: string;
  password: string;
}

export const emptyConnectionForm: ConnectionFormState = {
  name: '',
  servers: '',
  tls: false,
  mechanism: 'none',
  username: '',
  password: '',
  ...emptyTlsForm,
};

export function formFromProfile(p: ConnectionProfile): ConnectionFormState {
  return {
    name: p.name,
    servers: formatBootstrapServers(p.bootstrapServers),
    tls: p.tls,
    mechanism: p.sasl?.mechanism ?? 'none',
    username: p.sasl?.username ?? '',
    // Saved passwords and keys stay in the main process; empty here means "keep the saved one".
    password: '',
    ...tlsFormFromProfile(p),
  };
}

export function toConnectionInput(s: ConnectionFormState): ConnectionInput {
  const input: ConnectionInput = {
    name: s.name,
    bootstrapServers: parseBootstrapServers(s.servers),
    tls: s.tls,
    sasl: s.mechanism === 'none' ? null : { mechanism: s.mechanism, username: s.username, password: s.password },
  };
  const tlsOptions = s.tls ? tlsOptionsFromForm(s) : undefined;
  if (tlsOptions) input.tlsOptions = tlsOptions;
  return input;
}

type ValidatedConnection = { ok: true; input: ConnectionInput } | { ok: false; errors: FieldErrors };

/** Which saved secrets the main process would reuse for what the form holds now. */
export interface SavedSecrets {
  /** Editing a saved connection: empty secrets may mean "the saved one". */
  editing?: boolean;
  passwordSaved?: boolean;
  keySaved?: boolean;
}

/**
 * Validates with the contract's own schema, so the form and the backend agree on the rules.
 * An empty password or a "saved" key is allowed only where the saved one applies.
 */
export function validateConnectionForm(s: ConnectionFormState, saved: SavedSecrets = {}): ValidatedConnection {
  const input = toConnectionInput(s);
  const editing = saved.editing || saved.passwordSaved || saved.keySaved;
  const r = (editing ? ConnectionUpdateInputSchema : ConnectionInputSchema).safeParse(input);
  const errors: FieldErrors = r.success
    ? {}
    : fieldErrorsFromIssues(r.error.issues, {
        bootstrapServers: (i) => input.bootstrapServers[i] ?? `Server ${i + 1}`,
      });
  if (editing && input.sasl && !input.sasl.password && !saved.passwordSaved)
    errors['sasl.password'] ??= 'Password is required';
  if (s.tls && s.clientKey === 'saved' && !saved.keySaved)
    errors['tlsOptions.clientKeyPem'] = 'Choose the private key file again for the changed settings';
  return Object.keys(errors).length === 0 ? { ok: true, input } : { ok: false, errors };
}

const FORM_FIELDS = [
  'name',
  'tls',
  'sasl.username',
  'sasl.password',
  'sasl.mechanism',
  'tlsOptions.caPem',
  'tlsOptions.clientCertPem',
  'tlsOptions.clientKeyPem',
  'tlsOptions.clientKeyPassphrase',
  'tlsOptions.serverName',
  'tlsOptions.verification',
];

/** A server-side VALIDATION error names a dotted field ("input.bootstrapServers.0"): find our field. */
export function formFieldFromServer(field: string | undefined): string | null {
  if (!field) return null;
  const path = field.replace(/^input\./, '');
  if (path.startsWith('bootstrapServers')) return 'bootstrapServers';
  return FORM_FIELDS.includes(path) ? path : null;
}

function sameServers(form: ConnectionFormState, profile: ConnectionProfile): boolean {
  const norm = (xs: string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()))].sort().join(',');
  return norm(parseBootstrapServers(form.servers)) === norm(profile.bootstrapServers);
}

/**
 * Main reuses a saved password only for the servers, TLS settings, mechanism and user it was
 * saved with; the form asks for it again as soon as any of them changes.
 */
export function savedPasswordApplies(form: ConnectionFormState, profile: ConnectionProfile | undefined): boolean {
  if (!profile?.sasl?.passwordSaved) return false;
  return (
    sameServers(form, profile) &&
    sameTrust(form, profile) &&
    form.mechanism === profile.sasl.mechanism &&
    form.username === profile.sasl.username
  );
}

/** The same for a saved client key: the same servers, TLS settings and client certificate. */
export function savedKeyApplies(form: ConnectionFormState, profile: ConnectionProfile | undefined): boolean {
  const t = profile?.tlsOptions;
  if (!profile || !t?.clientKeySaved || !form.tls) return false;
  return (
    sameServers(form, profile) &&
    sameTrust(form, profile) &&
    (form.clientCert?.text.trim() ?? null) === (t.clientCertPem?.trim() ?? null)
  );
}
