/**
 * kafkajs client settings for a connection. Short timeouts and few retries, because a person
 * is waiting: a wrong address must fail with a clear error within ~10 s, not after minutes.
 */
import kafkajs, { type KafkaConfig, type LogEntry, type RetryOptions, type SASLOptions } from 'kafkajs';
import type { SecurityContext } from '../errors/map-kafka-error.js';
import type { ConnectionSettings } from '../profiles/profile-store.js';
import type { CoreLogger } from '../util/logger.js';
import { tlsConnectionOptions } from './tls-material.js';

// kafkajs is CommonJS; the default import is its module.exports in both Node ESM and bundlers.
const { logLevel } = kafkajs;

export const CONNECTION_TIMEOUT_MS = 3_000;
export const REQUEST_TIMEOUT_MS = 10_000;
/** The answer a person waits for at most (connections.test, first call on a dead address). */
export const ANSWER_DEADLINE_MS = 10_000;

export const clientRetry: RetryOptions = { retries: 2, initialRetryTime: 150, maxRetryTime: 1_500 };

export function kafkaConfig(
  s: Pick<ConnectionSettings, 'bootstrapServers' | 'tls' | 'tlsOptions' | 'sasl'>,
  logger?: CoreLogger,
  clientId = 'samsa',
): KafkaConfig {
  return {
    clientId,
    brokers: [...s.bootstrapServers],
    ssl: tlsConnectionOptions(s),
    sasl: s.sasl
      ? ({ mechanism: s.sasl.mechanism, username: s.sasl.username, password: s.sasl.password } as SASLOptions)
      : undefined,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    authenticationTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    enforceRequestTimeout: true,
    retry: clientRetry,
    // kafkajs logs every failed attempt at ERROR; callers get the error anyway, so only warnings and up go to the logger.
    logLevel: logger ? logLevel.WARN : logLevel.NOTHING,
    logCreator: logger
      ? () =>
          ({ namespace, level, log }: LogEntry) => {
            const { message, ...extra } = log;
            const text = `kafkajs ${namespace}: ${message}`;
            if (level === logLevel.ERROR) logger.error(text, extra);
            else logger.warn(text, extra);
          }
      : undefined,
  };
}

/** The facts about a connection's security that error messages need (never a secret). */
export function securityOf(s: Pick<ConnectionSettings, 'tls' | 'tlsOptions' | 'sasl'>): SecurityContext {
  const t = s.tls ? s.tlsOptions : undefined;
  return {
    tls: s.tls,
    caGiven: Boolean(t?.caPem),
    clientCert: Boolean(t?.clientCertPem),
    verification: t?.verification ?? 'full',
    sasl: s.sasl ? { mechanism: s.sasl.mechanism, username: s.sasl.username } : null,
  };
}
