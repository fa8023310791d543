export * from './crc32c.js';
export * from './batch-header.js';
export * from './batch-splitter.js';
export * from './compression.js';
export * from './record-iterator.js';
export * from './batch-builder.js';
export * from './records-writer.js';
export { lz4DecompressFrames } from './lz4.js';
