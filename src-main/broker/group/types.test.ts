import { describe, expect, it } from 'vitest';
import { encodeSubscription } from '../testing/group-harness.js';
import { legacyLeaveErrorCode, parseSubscriptionTopics } from './types.js';

describe('consumer protocol subscription', () => {
  it('reads topics of a V0 subscription with user data', () => {
    expect(parseSubscriptionTopics(encodeSubscription(['orders', 'päyments'], Buffer.from([1, 2])))).toEqual([
      'orders',
      'päyments',
    ]);
  });

  it('reads the V0 prefix of later versions (owned partitions etc. follow)', () => {
    const v0 = encodeSubscription(['x']);
    const v3 = Buffer.concat([v0, Buffer.from([0, 0, 0, 0, 0, 0, 0, 5, 0xff, 0xff])]);
    v3.writeInt16BE(3, 0);
    expect(parseSubscriptionTopics(v3)).toEqual(['x']);
  });

  it('returns null for bytes that do not follow the schema', () => {
    expect(parseSubscriptionTopics(Buffer.from([0, 0, 0, 0, 0, 9, 0, 3, 97]))).toBeNull();
    expect(parseSubscriptionTopics(Buffer.alloc(0))).toBeNull();
    expect(parseSubscriptionTopics(Buffer.from([0xff, 0xff, 0, 0, 0, 0]))).toBeNull();
  });
});

describe('legacyLeaveErrorCode', () => {
  it('is the top-level error, else the first member error, else NONE', () => {
    const member = (errorCode: number) => ({ memberId: 'm', groupInstanceId: null, errorCode });
    expect(legacyLeaveErrorCode({ errorCode: 15, members: [member(25)] })).toBe(15);
    expect(legacyLeaveErrorCode({ errorCode: 0, members: [member(0), member(25)] })).toBe(25);
    expect(legacyLeaveErrorCode({ errorCode: 0, members: [member(0)] })).toBe(0);
  });
});
