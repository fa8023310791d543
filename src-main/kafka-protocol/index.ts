/**
 * The Kafka protocol codec: wire primitives, message schemas and their frames, record batches and
 * Kafka's error codes. Used by the sandbox broker and by client code; imports nothing else of ours.
 */
export * from './apis.js';
export * from './frames.js';
export { ProtocolDecodeError, ProtocolEncodeError, UnknownApiError, UnsupportedVersionError } from './codec-errors.js';
export { ErrorCode, KafkaProtocolError, type ErrorCodeValue } from './error-codes.js';
export type { RequestHeader } from './header.js';
export { Reader } from './reader.js';
export { Writer } from './writer.js';
export {
  defineApi,
  inVersions,
  parseVersions,
  type ApiSchemas,
  type FieldSchema,
  type MessageSchema,
  type VersionRange,
  type Versions,
} from './schema.js';
export type * from './schema-types.js';
export * from './records/index.js';
