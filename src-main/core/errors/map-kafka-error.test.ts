import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.js';
import { mapKafkaError } from './map-kafka-error.js';

// kafkajs is CommonJS and spreads its error classes into module.exports, which ESM named
// imports cannot see; require() gets the real classes.
type Ctor = new (...args: unknown[]) => Error;
const k = createRequire(import.meta.url)('kafkajs') as Record<string, Ctor>;
// The protocol error table (type/code/message) that kafkajs builds KafkaJSProtocolError from.
const { createErrorFromCode } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
  createErrorFromCode(code: number): Error;
};

const brokers = ['localhost:9999'];

describe('mapKafkaError', () => {
  it('connection refused, wrapped by the retrier, names the address', () => {
    const conn = new k.KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9999', {
      broker: 'localhost:9999',
      code: 'ECONNREFUSED',
    });
    const wrapped = new k.KafkaJSNumberOfRetriesExceeded(conn, { retryCount: 2, retryTime: 300 });
    const err = mapKafkaError(wrapped, { brokers });
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.message).toBe(
      'Could not reach any broker at localhost:9999 (connection refused). Check the bootstrap address and that the cluster is running.',
    );
    expect(err.detail).toContain('ECONNREFUSED');
  });

  it('non-retriable wrapper with a DNS failure', () => {
    const conn = new k.KafkaJSConnectionError('Connection error: getaddrinfo ENOTFOUND nope.invalid', {
      broker: 'nope.invalid:9092',
      code: 'ENOTFOUND',
    });
    const err = mapKafkaError(new k.KafkaJSNonRetriableError(conn, { cause: conn }));
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.message).toContain('nope.invalid:9092 (host name not found)');
  });

  it('connection timeout', () => {
    const err = mapKafkaError(new k.KafkaJSConnectionError('Connection timeout', { broker: '10.255.255.1:9092' }), {
      brokers: ['10.255.255.1:9092'],
    });
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.message).toContain('(connection timed out)');
  });

  it('SASL failure', () => {
    const err = mapKafkaError(new k.KafkaJSSASLAuthenticationError('SASL PLAIN authentication failed: bad'));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toMatch(/rejected the user name or password/);
  });

  it('unknown topic names the topic', () => {
    const err = mapKafkaError(new k.KafkaJSProtocolError(createErrorFromCode(3)), { topic: 'orders' });
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('Topic "orders" does not exist.');
  });

  it('unknown partition names partition and topic', () => {
    const err = mapKafkaError(createErrorFromCode(3), { topic: 'orders', partition: 7 });
    expect(err.message).toBe('Partition 7 of topic "orders" does not exist.');
  });

  it('message too large, also inside a retries-exceeded wrapper', () => {
    const inner = createErrorFromCode(10);
    const err = mapKafkaError(new k.KafkaJSNumberOfRetriesExceeded(inner, { retryCount: 0, retryTime: 0 }));
    expect(err.code).toBe('MESSAGE_TOO_LARGE');
    expect(err.message).toBe('The record is larger than the broker accepts (max.message.bytes).');
    expect(err.detail).toContain('MESSAGE_TOO_LARGE');
  });

  it('topic already exists', () => {
    const err = mapKafkaError(createErrorFromCode(36), { topic: 'x' });
    expect(err.code).toBe('ALREADY_EXISTS');
    expect(err.message).toBe('Topic "x" already exists.');
  });

  it('request timeout', () => {
    const err = mapKafkaError(
      new k.KafkaJSRequestTimeoutError('Request produce(key: 0, version: 7) timed out', { broker: 'b1:9092' }),
    );
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('b1:9092');
  });

  it('errors inside an aggregate error are found', () => {
    const agg = new k.KafkaJSAggregateError('Multiple errors', [createErrorFromCode(10)]);
    expect(mapKafkaError(agg).code).toBe('MESSAGE_TOO_LARGE');
  });

  it('TLS mismatch is explained', () => {
    const e = Object.assign(new Error('write EPROTO ... wrong version number'), { code: 'EPROTO' });
    const err = mapKafkaError(
      new k.KafkaJSConnectionError(`Connection error: ${e.message}`, { broker: 'h:9092', code: 'EPROTO' }),
    );
    expect(err.code).toBe('TLS_FAILED');
    expect(err.message).toBe(
      "The listener at h:9092 does not speak TLS (it is a PLAINTEXT or SASL_PLAINTEXT listener, or not Kafka). Turn TLS off, or use the cluster's TLS port.",
    );
  });

  it('other broker errors keep the type', () => {
    const err = mapKafkaError(createErrorFromCode(29)); // TOPIC_AUTHORIZATION_FAILED
    expect(err.code).toBe('NOT_AUTHORIZED');
    const other = mapKafkaError(createErrorFromCode(45)); // OUT_OF_ORDER_SEQUENCE_NUMBER
    expect(other.code).toBe('KAFKA_ERROR');
    expect(other.message).toContain('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  it('AppError passes through unchanged, plain errors become INTERNAL', () => {
    const app = new AppError('VALIDATION', 'bad', { field: 'value' });
    expect(mapKafkaError(app)).toBe(app);
    const err = mapKafkaError(new Error('boom'));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toContain('boom');
  });
});
