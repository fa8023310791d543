/**
 * The secrets of a saved connection: the SASL password, the client's private key and its
 * passphrase. One set of rules for all of them:
 * - on disk they are stored through the SecretStore (encrypted), never as typed;
 * - towards the contract (results, events) only "is one saved" leaves, never the secret;
 * - one that cannot be decrypted (keychain changed, the other mode wrote it) is kept as it was on
 *   disk until the person replaces it, and they are asked for it;
 * - a saved one is only reused for the target it was saved for: the same servers, reached the
 *   same way (TLS on or off, the same CA, server name and certificate checks), and for the
 *   password the same mechanism and user, for the key the same client certificate.
 */
import { z } from 'zod';
import {
  ConnectionProfileSchema,
  SaslSchema,
  TlsVerificationSchema,
  type ConnectionInputSchema,
  type ConnectionProfile,
  type ConnectionUpdateInputSchema,
  type TlsOptions,
} from '../../contract/connections.js';
import { AppError } from '../../contract/errors.js';
import type { CoreLogger } from '../util/logger.js';
import { needsReencryption, SecretUnreadableError, type SecretStore } from './secret-store.js';

export type ConnectionSettings = z.output<typeof ConnectionInputSchema>;
/** Settings from an edit or a test: an empty SASL password or client key means "the saved one". */
export type ConnectionUpdate = z.output<typeof ConnectionUpdateInputSchema>;

/** A secret as it was on disk, kept because it could not be decrypted here, and why. */
export interface Unreadable {
  stored: string;
  reason: string;
}

/** TLS settings with the decrypted key. When the key could not be decrypted, it is '' and `unreadable` keeps it. */
export type SavedTls = TlsOptions & {
  unreadable?: { key: string; passphrase: string | null; reason: string };
};

/**
 * A profile with its decrypted secrets: for the connection pool only, never for the contract.
 * When the saved password could not be decrypted, `password` is '' and `unreadable` keeps it.
 */
export type SavedProfile = Omit<ConnectionProfile, 'sasl' | 'tlsOptions'> & {
  sasl: (NonNullable<ConnectionSettings['sasl']> & { unreadable?: Unreadable }) | null;
  tlsOptions?: SavedTls;
};

/** What leaves the main process: whether a secret is saved, never the secret. */
export function redactProfile(p: SavedProfile): ConnectionProfile {
  const { sasl: _sasl, tlsOptions: _tls, ...rest } = p;
  const out: ConnectionProfile = { ...rest, sasl: null };
  if (p.sasl) {
    out.sasl = {
      mechanism: p.sasl.mechanism,
      username: p.sasl.username,
      passwordSaved: p.sasl.password !== '',
      passwordProblem: p.sasl.unreadable
        ? `The saved password cannot be used here: ${p.sasl.unreadable.reason}. Enter it again.`
        : null,
    };
  }
  if (p.tlsOptions) {
    const t = p.tlsOptions;
    out.tlsOptions = {
      caPem: t.caPem,
      clientCertPem: t.clientCertPem,
      clientKeySaved: Boolean(t.clientKeyPem),
      clientKeyProblem: t.unreadable
        ? `The saved private key cannot be used here: ${t.unreadable.reason}. Choose the key file again.`
        : null,
      serverName: t.serverName,
      verification: t.verification,
    };
  }
  return out;
}

/** On disk the secrets are replaced by their encrypted forms. */
export const StoredProfileSchema = ConnectionProfileSchema.extend({
  sasl: SaslSchema.omit({ password: true }).extend({ passwordSecret: z.string() }).nullable(),
  tlsOptions: z
    .object({
      caPem: z.string().nullable(),
      clientCertPem: z.string().nullable(),
      clientKeySecret: z.string().nullable(),
      clientKeyPassphraseSecret: z.string().nullable(),
      serverName: z.string().nullable(),
      verification: TlsVerificationSchema,
    })
    .optional(),
});
export type StoredProfile = z.output<typeof StoredProfileSchema>;

/** Whether a stored profile holds a secret an older version wrote as typed. */
export function storedInPlainText(s: StoredProfile): boolean {
  const secrets = [s.sasl?.passwordSecret, s.tlsOptions?.clientKeySecret, s.tlsOptions?.clientKeyPassphraseSecret];
  return secrets.some((x) => typeof x === 'string' && needsReencryption(x));
}

export function fromStored(s: StoredProfile, secrets: SecretStore, logger: CoreLogger): SavedProfile {
  const why = (e: unknown) => (e instanceof SecretUnreadableError ? e.message : 'it could not be decrypted');
  let sasl: SavedProfile['sasl'] = null;
  if (s.sasl) {
    const { mechanism, username, passwordSecret } = s.sasl;
    try {
      sasl = { mechanism, username, password: secrets.decrypt(passwordSecret) };
    } catch (e) {
      // The keychain may have changed, or the other mode wrote it: keep it for that mode, ask here.
      logger.warn(`Could not decrypt the saved password of connection "${s.name}": ${why(e)}`);
      sasl = { mechanism, username, password: '', unreadable: { stored: passwordSecret, reason: why(e) } };
    }
  }
  let tlsOptions: SavedTls | undefined;
  if (s.tlsOptions) {
    const { clientKeySecret, clientKeyPassphraseSecret, ...open } = s.tlsOptions;
    tlsOptions = { ...open, clientKeyPem: null, clientKeyPassphrase: null };
    if (clientKeySecret !== null) {
      try {
        tlsOptions.clientKeyPem = secrets.decrypt(clientKeySecret);
        tlsOptions.clientKeyPassphrase =
          clientKeyPassphraseSecret === null ? null : secrets.decrypt(clientKeyPassphraseSecret);
      } catch (e) {
        logger.warn(`Could not decrypt the saved private key of connection "${s.name}": ${why(e)}`);
        tlsOptions.clientKeyPem = '';
        tlsOptions.clientKeyPassphrase = null;
        tlsOptions.unreadable = { key: clientKeySecret, passphrase: clientKeyPassphraseSecret, reason: why(e) };
      }
    }
  }
  const { sasl: _sasl, tlsOptions: _tls, ...rest } = s;
  return tlsOptions ? { ...rest, sasl, tlsOptions } : { ...rest, sasl };
}

export function toStored(p: SavedProfile, secrets: SecretStore): StoredProfile {
  const { sasl: _sasl, tlsOptions: _tls, ...rest } = p;
  const out: StoredProfile = { ...rest, sasl: null };
  if (p.sasl) {
    const { mechanism, username, password, unreadable } = p.sasl;
    // Never replace a secret we could not read with an empty one.
    const passwordSecret = password === '' && unreadable ? unreadable.stored : secrets.encrypt(password);
    out.sasl = { mechanism, username, passwordSecret };
  }
  if (p.tlsOptions) {
    const { clientKeyPem, clientKeyPassphrase, unreadable, ...open } = p.tlsOptions;
    const kept = clientKeyPem === '' && unreadable;
    out.tlsOptions = {
      ...open,
      clientKeySecret: kept ? unreadable.key : clientKeyPem ? secrets.encrypt(clientKeyPem) : null,
      clientKeyPassphraseSecret: kept
        ? unreadable.passphrase
        : clientKeyPem && clientKeyPassphrase
          ? secrets.encrypt(clientKeyPassphrase)
          : null,
    };
  }
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const norm = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()))].sort().join(',');
  return norm(a) === norm(b);
}

/** How the servers are reached and recognised: TLS on or off, and if on, which CA, name and checks. */
function trust(p: Pick<ConnectionSettings, 'tls' | 'tlsOptions'>): string {
  if (!p.tls) return 'plaintext';
  const t = p.tlsOptions;
  return JSON.stringify([t?.caPem?.trim() ?? null, t?.serverName?.toLowerCase() ?? null, t?.verification ?? 'full']);
}

function sameTarget(saved: SavedProfile, input: ConnectionUpdate): boolean {
  return sameSet(saved.bootstrapServers, input.bootstrapServers) && trust(saved) === trust(input);
}

/** Settings with the saved secrets filled in where the input left them empty, by the rules above. */
export function withSavedSecrets(
  input: ConnectionUpdate,
  saved: SavedProfile | undefined,
  fieldPrefix: '' | 'input.',
): Pick<SavedProfile, 'sasl' | 'tlsOptions'> {
  return {
    sasl: input.sasl ? keepPassword(input, saved, `${fieldPrefix}sasl.password`) : null,
    tlsOptions:
      input.tls && input.tlsOptions ? keepClientKey(input, saved, `${fieldPrefix}tlsOptions.clientKeyPem`) : undefined,
  };
}

function keepPassword(
  input: ConnectionUpdate,
  saved: SavedProfile | undefined,
  field: string,
): NonNullable<SavedProfile['sasl']> {
  const typed = input.sasl!;
  const fresh = { mechanism: typed.mechanism, username: typed.username };
  if (typed.password) return { ...fresh, password: typed.password };
  const old = saved?.sasl;
  if (!old || !saved) throw new AppError('VALIDATION', 'Password is required', { field });
  if (!sameTarget(saved, input) || old.mechanism !== typed.mechanism || old.username !== typed.username) {
    throw new AppError(
      'VALIDATION',
      'Enter the password again: the saved one is only used for the servers, TLS settings, mechanism and user it was saved with.',
      { field },
    );
  }
  if (old.password) return { ...fresh, password: old.password };
  if (old.unreadable) return { ...fresh, password: '', unreadable: old.unreadable };
  throw new AppError('VALIDATION', 'Password is required', { field });
}

function keepClientKey(input: ConnectionUpdate, saved: SavedProfile | undefined, field: string): SavedTls {
  const typed = input.tlsOptions!;
  const passphrase = typed.clientKeyPassphrase || null;
  if (typed.clientKeyPem !== '') return { ...typed, clientKeyPassphrase: typed.clientKeyPem ? passphrase : null };
  const old = saved?.tlsOptions;
  if (!saved || !old || old.clientKeyPem === null)
    throw new AppError('VALIDATION', 'Choose the private key of the client certificate', { field });
  if (!sameTarget(saved, input) || old.clientCertPem?.trim() !== typed.clientCertPem?.trim()) {
    throw new AppError(
      'VALIDATION',
      'Choose the private key file again: the saved one is only used for the servers, TLS settings and client certificate it was saved with.',
      { field },
    );
  }
  if (old.clientKeyPem)
    return { ...typed, clientKeyPem: old.clientKeyPem, clientKeyPassphrase: passphrase ?? old.clientKeyPassphrase };
  return { ...typed, clientKeyPem: '', clientKeyPassphrase: null, unreadable: old.unreadable };
}
