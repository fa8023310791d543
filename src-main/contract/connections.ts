import { z } from 'zod';
import { method } from './define.js';
import { formatBytes, LIMITS, utf8Length } from './limits.js';
import { NoParamsSchema } from './refs.js';

/** "host:port" — host is a name, IPv4, or [IPv6]. */
const hostPort = z
  .string()
  .trim()
  .max(260, 'A host name has at most 253 characters, plus the port')
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, 'Use host:port, for example localhost:9092')
  .refine((s) => {
    const port = Number(s.slice(s.lastIndexOf(':') + 1));
    return port > 0 && port < 65536;
  }, 'Port must be between 1 and 65535');

const ProfileIdSchema = z.string().min(1).max(200);

const SaslMechanismSchema = z.enum(['plain', 'scram-sha-256', 'scram-sha-512']);

export const SaslSchema = z.object({
  mechanism: SaslMechanismSchema,
  username: z.string().min(1, 'Username is required').max(1024, 'Usernames have at most 1024 characters'),
  password: z.string().min(1, 'Password is required').max(4096, 'Passwords have at most 4096 characters'),
});

/**
 * How the brokers' certificates are checked. 'full' (the default, and the only safe choice): signed
 * by a trusted CA and issued for the host name. 'skip-hostname': any host name (Java's
 * `ssl.endpoint.identification.algorithm=`). 'none': any certificate at all.
 */
export const TlsVerificationSchema = z.enum(['full', 'skip-hostname', 'none']);
export type TlsVerification = z.infer<typeof TlsVerificationSchema>;

const CERT_LABELS = ['CERTIFICATE'];
const KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'];

/** Whether `s` holds a whole PEM block with one of these labels. Linear in the text's length. */
function hasPemBlock(s: string, labels: readonly string[]): boolean {
  return labels.some((label) => {
    const begin = s.indexOf(`-----BEGIN ${label}-----`);
    if (begin < 0) return false;
    const bodyStart = begin + label.length + 16;
    const end = s.indexOf(`-----END ${label}-----`, bodyStart);
    // Base64 body, plus the "Proc-Type:"/"DEK-Info:" headers of old encrypted keys.
    return end > bodyStart && /^[A-Za-z0-9+/=\s:,-]+$/.test(s.slice(bodyStart, end));
  });
}

/** PEM text read from a file the person chose: at most 1 MiB, and of the expected kind. */
function pemSchema(what: string, kind: 'certificate' | 'key') {
  return z.string().superRefine((s, ctx) => {
    const size = s.length <= LIMITS.pemBytes / 3 ? s.length : utf8Length(s);
    if (size > LIMITS.pemBytes) {
      ctx.addIssue({
        code: 'custom',
        // "over 1 MiB" rather than "1 MiB" when the rounded sizes look the same.
        message: `${what} is ${formatBytes(size) === formatBytes(LIMITS.pemBytes) ? 'over ' : ''}${formatBytes(size)}; Samsa reads PEM files of at most ${formatBytes(LIMITS.pemBytes)}.`,
      });
      return;
    }
    if (kind === 'certificate' && !hasPemBlock(s, CERT_LABELS)) {
      ctx.addIssue({
        code: 'custom',
        message: hasPemBlock(s, KEY_LABELS)
          ? `${what} holds a private key, not a certificate.`
          : `${what} has no certificate in PEM form (-----BEGIN CERTIFICATE-----). A Java keystore (.jks, .p12) must be exported to PEM first.`,
      });
    }
    if (kind === 'key' && !hasPemBlock(s, KEY_LABELS)) {
      ctx.addIssue({
        code: 'custom',
        message: hasPemBlock(s, CERT_LABELS)
          ? `${what} holds a certificate, not a private key.`
          : `${what} has no private key in PEM form (-----BEGIN PRIVATE KEY-----). A Java keystore (.jks, .p12) must be exported to PEM first.`,
      });
    }
  });
}

/** A host name (no port) the brokers' certificates are checked against. */
const serverNameSchema = z
  .string()
  .trim()
  .max(253, 'A host name has at most 253 characters')
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/,
    'Use a host name, for example kafka.example.com',
  )
  .refine((s) => !/^[\d.]+$/.test(s), 'Use the host name in the certificate, not an IP address');

/**
 * TLS settings beyond on/off. Certificates are public and travel as PEM text; the client's
 * private key and its passphrase are secrets (encrypted at rest, never sent back to the window).
 * `keepSavedKey`: an empty key means "the saved one" (editing and testing a saved connection).
 */
function tlsOptionsSchema(keepSavedKey: boolean) {
  const key = pemSchema('The private key file', 'key');
  return z
    .object({
      /** The CA certificate(s) that signed the brokers' certificates; null: the system's trusted CAs. */
      caPem: pemSchema('The CA certificate file', 'certificate').nullable().default(null),
      /** mTLS: the client certificate (chain) the broker asks for. */
      clientCertPem: pemSchema('The client certificate file', 'certificate').nullable().default(null),
      clientKeyPem: (keepSavedKey ? z.union([z.literal(''), key]) : key).nullable().default(null),
      /** For an encrypted private key (-----BEGIN ENCRYPTED PRIVATE KEY-----). */
      clientKeyPassphrase: z.string().max(1024, 'Passphrases have at most 1024 characters').nullable().default(null),
      /** Host name to expect in the certificates, when it differs from the bootstrap host (a tunnel). */
      serverName: serverNameSchema.nullable().default(null),
      verification: TlsVerificationSchema.default('full'),
    })
    .superRefine((t, ctx) => {
      if (t.clientCertPem && t.clientKeyPem === null)
        ctx.addIssue({
          code: 'custom',
          path: ['clientKeyPem'],
          message: 'Choose the private key of the client certificate',
        });
      if (!t.clientCertPem && t.clientKeyPem !== null)
        ctx.addIssue({
          code: 'custom',
          path: ['clientCertPem'],
          message: 'Choose the client certificate that goes with the private key',
        });
    });
}

export const TlsOptionsSchema = tlsOptionsSchema(false);
export type TlsOptionsInput = z.input<typeof TlsOptionsSchema>;
export type TlsOptions = z.output<typeof TlsOptionsSchema>;

/** What a person types in the connection form. A new SASL connection needs its password. */
export const ConnectionInputSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name is too long (100 characters at most)'),
  bootstrapServers: z
    .array(hostPort)
    .min(1, 'At least one bootstrap server is required')
    .max(50, 'At most 50 bootstrap servers'),
  tls: z.boolean().default(false),
  sasl: SaslSchema.nullable().default(null),
  /** Used when `tls` is on; absent means the system's CAs, no client certificate, full verification. */
  tlsOptions: TlsOptionsSchema.optional(),
});
export type ConnectionInput = z.input<typeof ConnectionInputSchema>;

/**
 * Editing a saved connection: saved secrets never reach the renderer, so an empty (or missing)
 * password or client key means "keep the saved one".
 */
export const ConnectionUpdateInputSchema = ConnectionInputSchema.extend({
  sasl: SaslSchema.extend({ password: z.string().max(4096, 'Passwords have at most 4096 characters').default('') })
    .nullable()
    .default(null),
  tlsOptions: tlsOptionsSchema(true).optional(),
});
export type ConnectionUpdateInput = z.input<typeof ConnectionUpdateInputSchema>;

/** Settings to try. With `id`, an empty password or key means the saved connection's. */
export const ConnectionTestParamsSchema = ConnectionUpdateInputSchema.extend({
  id: ProfileIdSchema.optional(),
}).superRefine((p, ctx) => {
  if (p.sasl && !p.sasl.password && !p.id)
    ctx.addIssue({ code: 'custom', path: ['sasl', 'password'], message: 'Password is required' });
  if (p.tlsOptions?.clientKeyPem === '' && !p.id)
    ctx.addIssue({
      code: 'custom',
      path: ['tlsOptions', 'clientKeyPem'],
      message: 'Choose the private key of the client certificate',
    });
});
export type ConnectionTestParams = z.input<typeof ConnectionTestParamsSchema>;

/** TLS settings as the renderer sees them: certificates, and whether a client key is saved (never the key). */
export const TlsProfileSchema = z.object({
  caPem: z.string().nullable(),
  clientCertPem: z.string().nullable(),
  clientKeySaved: z.boolean(),
  /** Set when a key is saved but cannot be used here (e.g. the keychain changed): ask for it. */
  clientKeyProblem: z.string().nullable().default(null),
  serverName: z.string().nullable(),
  verification: TlsVerificationSchema,
});
export type TlsProfile = z.output<typeof TlsProfileSchema>;

/** A saved connection as the renderer sees it: whether a password is saved, never the password. */
export const ConnectionProfileSchema = ConnectionInputSchema.extend({
  sasl: z
    .object({
      mechanism: SaslMechanismSchema,
      username: z.string(),
      passwordSaved: z.boolean(),
      /** Set when a password is saved but cannot be used here (e.g. the keychain changed): ask for it. */
      passwordProblem: z.string().nullable().default(null),
    })
    .nullable(),
  tlsOptions: TlsProfileSchema.optional(),
  id: z.string().min(1),
  /** True for the profile that points at the bundled sandbox broker. */
  sandbox: z.boolean().default(false),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ConnectionProfile = z.output<typeof ConnectionProfileSchema>;

export interface ConnectionTestResult {
  clusterId: string | null;
  brokerCount: number;
  controllerId: number | null;
  latencyMs: number;
  /** Topics this user may see (all of them without ACLs). */
  topicCount: number;
}

export const connectionsMethods = {
  'connections.list': method(NoParamsSchema).returns<ConnectionProfile[]>(),
  'connections.create': method(ConnectionInputSchema).returns<ConnectionProfile>(),
  'connections.update': method(
    z.object({ id: ProfileIdSchema, input: ConnectionUpdateInputSchema }),
  ).returns<ConnectionProfile>(),
  'connections.remove': method(z.object({ id: ProfileIdSchema })).returns<{ removed: boolean }>(),
  /** Tries the given settings (saved or not) and answers within ~10 s. */
  'connections.test': method(ConnectionTestParamsSchema).returns<ConnectionTestResult>(),
};
