import {
  formatBytes,
  LIMITS,
  type ConnectionProfile,
  type TlsOptionsInput,
  type TlsVerification,
} from '../../contract.js';

/** The three PEM files of a TLS connection, named as the contract names them. */
export type PemSlot = 'caPem' | 'clientCertPem' | 'clientKeyPem';

/** A PEM file the person chose (read in the window), or one that was saved earlier (fileName null). */
export interface PemChoice {
  text: string;
  fileName: string | null;
}

export interface TlsFormState {
  ca: PemChoice | null;
  clientCert: PemChoice | null;
  /** 'saved': keep the key saved with the connection (the window never has it). */
  clientKey: PemChoice | 'saved' | null;
  passphrase: string;
  serverName: string;
  verification: TlsVerification;
  /** From an imported config file: files still to choose, with the path the file named. */
  filesToChoose: Partial<Record<PemSlot, string>>;
}

export const emptyTlsForm: TlsFormState = {
  ca: null,
  clientCert: null,
  clientKey: null,
  passphrase: '',
  serverName: '',
  verification: 'full',
  filesToChoose: {},
};

export function tlsFormFromProfile(p: ConnectionProfile): TlsFormState {
  const t = p.tlsOptions;
  if (!t) return emptyTlsForm;
  return {
    ...emptyTlsForm,
    ca: t.caPem ? { text: t.caPem, fileName: null } : null,
    clientCert: t.clientCertPem ? { text: t.clientCertPem, fileName: null } : null,
    clientKey: t.clientKeySaved ? 'saved' : null,
    serverName: t.serverName ?? '',
    verification: t.verification,
  };
}

/** The contract's TLS options, or undefined when they are all defaults (system CAs, no client certificate, full checks). */
export function tlsOptionsFromForm(t: TlsFormState): TlsOptionsInput | undefined {
  const o: TlsOptionsInput = {
    caPem: t.ca?.text ?? null,
    clientCertPem: t.clientCert?.text ?? null,
    clientKeyPem: t.clientKey === 'saved' ? '' : (t.clientKey?.text ?? null),
    clientKeyPassphrase: t.passphrase || null,
    serverName: t.serverName.trim() || null,
    verification: t.verification,
  };
  const allDefault =
    !o.caPem && !o.clientCertPem && o.clientKeyPem === null && !o.serverName && o.verification === 'full';
  return allDefault ? undefined : o;
}

/**
 * How the servers are recognised, as the main process compares it before reusing a saved secret
 * (profile-secrets.ts): TLS off, or TLS with this CA, certificate host name and checks.
 */
function trust(tls: boolean, ca: string | null | undefined, serverName: string | null | undefined, v: TlsVerification) {
  if (!tls) return 'plaintext';
  return JSON.stringify([ca?.trim() || null, serverName?.trim().toLowerCase() || null, v]);
}

export function sameTrust(form: { tls: boolean } & TlsFormState, profile: ConnectionProfile): boolean {
  const t = profile.tlsOptions;
  return (
    trust(form.tls, form.ca?.text, form.serverName, form.verification) ===
    trust(profile.tls, t?.caPem, t?.serverName, t?.verification ?? 'full')
  );
}

/** A PEM text in words: "2 certificates", "private key (encrypted)". */
export function describePem(text: string): string {
  const certs = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  const key = /-----BEGIN (RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----/.exec(text);
  const parts: string[] = [];
  if (certs > 0) parts.push(certs === 1 ? '1 certificate' : `${certs} certificates`);
  if (key) parts.push(isEncryptedKey(text) ? 'encrypted private key' : 'private key');
  return parts.length > 0 ? parts.join(' and ') : 'no PEM content';
}

export function isEncryptedKey(text: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text);
}

/** Reads a chosen file as text, refusing what cannot be a PEM bundle before reading it. */
export async function readPemFile(file: File, what: string): Promise<PemChoice> {
  if (file.size > LIMITS.pemBytes) {
    throw new Error(
      `${file.name} is ${formatBytes(file.size)}; ${what} must be a PEM file of at most ${formatBytes(LIMITS.pemBytes)}.`,
    );
  }
  return { text: await file.text(), fileName: file.name };
}
