import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { sessionError } from './01-fetch.js';

describe('fetch session rules (sessionless broker)', () => {
  it('serves sessionless and session-opening full fetches', () => {
    expect(sessionError(0, -1)).toBe(ErrorCode.NONE);
    expect(sessionError(0, 0)).toBe(ErrorCode.NONE);
  });
  it('answers like Kafka for sessions it never created', () => {
    expect(sessionError(0, 5)).toBe(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
    expect(sessionError(7, 1)).toBe(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    expect(sessionError(7, -1)).toBe(ErrorCode.NONE);
  });
});
