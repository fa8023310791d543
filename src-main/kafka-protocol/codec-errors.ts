/** Error types raised by the wire codec. The server maps each one to a different reaction. */
import type { RequestHeader } from './header.js';

/** The frame is malformed (truncated, bad length, bad varint...). The connection should be closed. */
export class ProtocolDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolDecodeError';
  }
}

/** Known API, but the version is outside the range we advertise. The header was readable, so we can answer. */
export class UnsupportedVersionError extends Error {
  readonly header: RequestHeader;
  constructor(header: RequestHeader, message: string) {
    super(message);
    this.name = 'UnsupportedVersionError';
    this.header = header;
  }
}

/** API key we have no schema for. The header was readable. */
export class UnknownApiError extends Error {
  readonly header: RequestHeader;
  constructor(header: RequestHeader, message: string) {
    super(message);
    this.name = 'UnknownApiError';
    this.header = header;
  }
}

/** The caller asked us to encode a value that does not fit the schema (a bug in a handler, not bad input). */
export class ProtocolEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolEncodeError';
  }
}
