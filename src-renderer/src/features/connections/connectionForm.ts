import {
  ConnectionInputSchema,
  ConnectionUpdateInputSchema,
  type ConnectionInput,
  type ConnectionProfile,
} from '../../contract.js';
import { fieldErrorsFromIssues, type FieldErrors } from '../../lib/fieldErrors.js';
import { formatBootstrapServers, parseBootstrapServers } from '../../lib/servers.js';

export type SaslChoice = 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** What the inputs hold: strings as typed, so nothing is lost or reformatted under the cursor. */
export interface ConnectionFormState {
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
};

export function formFromProfile(p: ConnectionProfile): ConnectionFormState {
  return {
    name: p.name,
    servers: formatBootstrapServers(p.bootstrapServers),
    tls: p.tls,
    mechanism: p.sasl?.mechanism ?? 'none',
    username: p.sasl?.username ?? '',
    // Saved passwords stay in the main process; empty here means "keep the saved one".
    password: '',
  };
}

export function toConnectionInput(s: ConnectionFormState): ConnectionInput {
  return {
    name: s.name,
    bootstrapServers: parseBootstrapServers(s.servers),
    tls: s.tls,
    sasl: s.mechanism === 'none' ? null : { mechanism: s.mechanism, username: s.username, password: s.password },
  };
}

type ValidatedConnection = { ok: true; input: ConnectionInput } | { ok: false; errors: FieldErrors };

/**
 * Validates with the contract's own schema, so the form and the backend agree on the rules.
 * With `passwordSaved` (editing a profile that has one), an empty password is allowed: it keeps the saved one.
 */
export function validateConnectionForm(
  s: ConnectionFormState,
  opts: { passwordSaved?: boolean } = {},
): ValidatedConnection {
  const input = toConnectionInput(s);
  const r = (opts.passwordSaved ? ConnectionUpdateInputSchema : ConnectionInputSchema).safeParse(input);
  if (r.success) return { ok: true, input };
  return {
    ok: false,
    errors: fieldErrorsFromIssues(r.error.issues, {
      bootstrapServers: (i) => input.bootstrapServers[i] ?? `Server ${i + 1}`,
    }),
  };
}

/** A server-side VALIDATION error names a dotted field ("input.bootstrapServers.0"): find our field. */
export function formFieldFromServer(field: string | undefined): string | null {
  if (!field) return null;
  const path = field.replace(/^input\./, '');
  if (path.startsWith('bootstrapServers')) return 'bootstrapServers';
  if (['name', 'tls', 'sasl.username', 'sasl.password', 'sasl.mechanism'].includes(path)) return path;
  return null;
}

/**
 * Main reuses a saved password only for the servers, TLS setting, mechanism and user it was saved
 * with; the form asks for it again as soon as any of them changes.
 */
export function savedPasswordApplies(form: ConnectionFormState, profile: ConnectionProfile | undefined): boolean {
  if (!profile?.sasl?.passwordSaved) return false;
  const norm = (xs: string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()))].sort().join(',');
  return (
    norm(parseBootstrapServers(form.servers)) === norm(profile.bootstrapServers) &&
    form.tls === profile.tls &&
    form.mechanism === profile.sasl.mechanism &&
    form.username === profile.sasl.username
  );
}
