/**
 * Why a connection to a cluster could not be made, told apart the way a person fixes it:
 * unreachable (address, network), TLS handshake failed (whose certificate, and which check),
 * SASL authentication failed, or signed in but not allowed. The connection's own settings
 * (`SecurityContext`) decide the advice: "choose the CA certificate" only helps if none was chosen.
 */
import type { AppErrorCode } from '../../contract/errors.js';
import type { TlsVerification } from '../../contract/connections.js';

/** What the failing connection was set up with; only the facts that change the advice. */
export interface SecurityContext {
  tls: boolean;
  caGiven: boolean;
  clientCert: boolean;
  verification: TlsVerification;
  sasl: { mechanism: string; username: string } | null;
}

export interface ChainLink {
  name?: string;
  message?: string;
  code?: string | number;
  type?: string;
  broker?: string;
}

export type Classified = [AppErrorCode, string];

const UNKNOWN_CA = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** TLS alerts a broker sends when it wants a client certificate, or does not like the one it got. */
const CLIENT_CERT_ALERT =
  /ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|UNKNOWN_CA|CERTIFICATE_EXPIRED|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|ACCESS_DENIED)|alert (bad certificate|certificate required|certificate unknown|unknown ca|certificate expired|unsupported certificate|certificate revoked|access denied)/i;

/** A TLS client talking to a listener that does not speak TLS. */
const NOT_TLS =
  /wrong version number|packet length too long|before secure TLS connection was established|unknown protocol|record layer failure|http request/i;

export const AUTHORIZATION_TYPES: Record<string, string> = {
  TOPIC_AUTHORIZATION_FAILED: 'topic',
  GROUP_AUTHORIZATION_FAILED: 'group',
  CLUSTER_AUTHORIZATION_FAILED: 'cluster',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'transactional id',
  DELEGATION_TOKEN_AUTHORIZATION_FAILED: 'delegation token',
};

function text(c: ChainLink): string {
  return `${String(c.code ?? '')} ${c.message ?? ''}`;
}

function who(s: SecurityContext | undefined): string {
  if (s?.sasl) return `User "${s.sasl.username}"`;
  if (s?.clientCert) return 'The user of your client certificate';
  return 'This connection';
}

function mechanismName(m: string): string {
  return m.toUpperCase();
}

/** The failing broker if the error names one, else the bootstrap servers. */
export function brokerOf(chain: ChainLink[], brokers: string[] | undefined): string {
  const b = chain.find((c) => typeof c.broker === 'string' && c.broker)?.broker;
  if (b) return b;
  return brokers && brokers.length > 0 ? brokers.join(', ') : 'the bootstrap address';
}

function tlsProblem(chain: ChainLink[], at: string, s: SecurityContext | undefined): Classified | null {
  const codeOf = (set: Set<string>) => chain.find((c) => typeof c.code === 'string' && set.has(c.code));
  if (codeOf(UNKNOWN_CA)) {
    return [
      'TLS_FAILED',
      s?.caGiven
        ? `The TLS certificate of the broker at ${at} is not signed by the CA certificate you chose. Choose the CA that issued the brokers' certificates (the cluster's administrator has it).`
        : `The TLS certificate of the broker at ${at} is signed by a certificate authority this computer does not trust (a private or self-signed CA). Choose the cluster's CA certificate (a PEM file) under TLS.`,
    ];
  }
  const altname = chain.find((c) => c.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
  if (altname) {
    const m = /(?:Host|IP): (\S+?)\.? is not in the cert's (?:altnames|list): ?(.*)$/m.exec(altname.message ?? '');
    const names = m?.[2]?.trim() ? ` (it names ${m[2].trim()})` : '';
    return [
      'TLS_FAILED',
      `The TLS certificate of the broker at ${at} is not issued for the name "${m?.[1] ?? at}"${names}. Connect with the host name in the certificate, or set that name as the certificate host name under TLS.`,
    ];
  }
  if (chain.some((c) => c.code === 'CERT_HAS_EXPIRED')) {
    return [
      'TLS_FAILED',
      `The TLS certificate of the broker at ${at} has expired. Ask the cluster's administrator to renew it, and check this computer's date.`,
    ];
  }
  if (chain.some((c) => c.code === 'CERT_NOT_YET_VALID')) {
    return [
      'TLS_FAILED',
      `The TLS certificate of the broker at ${at} is not valid yet. Check this computer's date and time.`,
    ];
  }
  const alert = chain.find((c) => CLIENT_CERT_ALERT.test(text(c)));
  if (alert) {
    return [
      'TLS_FAILED',
      s?.clientCert
        ? `The broker at ${at} refused your client certificate: it is not signed by a CA the broker trusts, or it has expired or been revoked. Ask the cluster's administrator which CA must sign it.`
        : `The broker at ${at} requires a client certificate (mutual TLS). Choose your client certificate and its private key under TLS.`,
    ];
  }
  if (chain.some((c) => /ALERT_HANDSHAKE_FAILURE|alert handshake failure/i.test(text(c)))) {
    return [
      'TLS_FAILED',
      `The TLS handshake with ${at} failed: the broker and Samsa share no TLS version or cipher${s?.clientCert ? '' : ', or the broker wants a client certificate'}. Check the listener's TLS settings with the cluster's administrator.`,
    ];
  }
  if (s?.tls !== false && chain.some((c) => NOT_TLS.test(text(c)) || c.code === 'EPROTO')) {
    return [
      'TLS_FAILED',
      `The listener at ${at} does not speak TLS (it is a PLAINTEXT or SASL_PLAINTEXT listener, or not Kafka). Turn TLS off, or use the cluster's TLS port.`,
    ];
  }
  return null;
}

function saslProblem(chain: ChainLink[], at: string, s: SecurityContext | undefined): Classified | null {
  const type = (t: string) => chain.some((c) => c.type === t);
  if (type('UNSUPPORTED_SASL_MECHANISM')) {
    const m = s?.sasl ? mechanismName(s.sasl.mechanism) : 'the chosen mechanism';
    return [
      'AUTH_FAILED',
      `The listener at ${at} does not offer ${m}. Choose the SASL mechanism the cluster uses (its administrator knows which).`,
    ];
  }
  if (type('ILLEGAL_SASL_STATE')) {
    return [
      'AUTH_FAILED',
      `The listener at ${at} does not use SASL (it is an SSL or PLAINTEXT listener). Set the SASL mechanism to None, or use the cluster's SASL port.`,
    ];
  }
  if (chain.some((c) => c.name === 'KafkaJSSASLAuthenticationError' || c.type === 'SASL_AUTHENTICATION_FAILED')) {
    const as = s?.sasl ? ` for user "${s.sasl.username}" (${mechanismName(s.sasl.mechanism)})` : '';
    return [
      'AUTH_FAILED',
      `The cluster rejected the user name or password${as}. Check both, and that the user exists for this mechanism.`,
    ];
  }
  return null;
}

/** Authorization errors of any Kafka request: signed in, but an ACL is missing. */
export function authorizationProblem(
  type: string,
  s: SecurityContext | undefined,
  topic: string | undefined,
): Classified | null {
  const resource = AUTHORIZATION_TYPES[type];
  if (!resource) return null;
  const what =
    resource === 'topic'
      ? topic !== undefined
        ? `topic "${topic}"`
        : 'this topic'
      : resource === 'cluster'
        ? 'this cluster operation'
        : `this ${resource}`;
  return [
    'NOT_AUTHORIZED',
    `${who(s)} is not allowed to use ${what}. Ask the cluster's administrator for an ACL that allows it.`,
  ];
}

/**
 * Connection-level problems. The broker closing the connection right after it opened depends
 * on what was tried: no TLS against a TLS port, or no SASL against a SASL port, look the same.
 */
export function connectionProblem(
  chain: ChainLink[],
  brokers: string[] | undefined,
  s: SecurityContext | undefined,
  connecting: boolean,
): Classified | null {
  const at = brokerOf(chain, brokers);
  const found = tlsProblem(chain, at, s) ?? saslProblem(chain, at, s);
  if (found || !connecting) return found;
  const closed = chain.some(
    (c) => c.name === 'KafkaJSConnectionClosedError' || /closed connection/i.test(c.message ?? ''),
  );
  if (closed && s && !s.sasl) {
    return [
      'CONNECTION_FAILED',
      s.tls
        ? `The broker at ${at} closed the connection right after the TLS handshake: the listener probably requires SASL. Choose the SASL mechanism and enter the user name and password.`
        : `The broker at ${at} closed the connection: the listener probably requires TLS or SASL. Turn TLS on for an SSL or SASL_SSL listener, and choose the SASL mechanism if it asks for one.`,
    ];
  }
  if (closed && s && !s.tls) {
    return [
      'CONNECTION_FAILED',
      `The broker at ${at} closed the connection: the listener probably requires TLS (SASL_SSL). Turn TLS on.`,
    ];
  }
  return null;
}
