/**
 * The Kafka protocol codec: wire primitives, message schemas and their frames, record batches and
 * Kafka's error codes. Used by the sandbox broker and by client code; imports nothing else of ours.
 */
export * from './frames.js';
export { ErrorCode, KafkaProtocolError, type ErrorCodeValue } from './error-codes.js';
export * from './records/index.js';
