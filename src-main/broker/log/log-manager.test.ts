import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_LOG_CONFIG as base, batch, useLogFixture } from '../testing/partition-log-fixture.js';
import { LogManager } from './log-manager.js';

const f = useLogFixture();

describe('LogManager', () => {
  it('opens partitions as <topic>-<partition>, lists and deletes topics', () => {
    const mgr = new LogManager(f.dir);
    const a0 = mgr.openPartition('orders-v2', 0, base);
    const a1 = mgr.openPartition('orders-v2', 1, base);
    mgr.openPartition('other', 0, base);
    expect(mgr.openPartition('orders-v2', 0, base)).toBe(a0);
    a0.append(batch(1));
    a1.append(batch(1));
    expect(fs.existsSync(path.join(f.dir, 'orders-v2-1', '00000000000000000000.log'))).toBe(true);
    expect(mgr.listPartitionDirs().map((p) => `${p.topic}/${p.partition}`)).toEqual([
      'orders-v2/0',
      'orders-v2/1',
      'other/0',
    ]);
    mgr.deleteTopic('orders-v2');
    expect(mgr.getPartition('orders-v2', 0)).toBeUndefined();
    expect(mgr.listPartitionDirs().map((p) => p.topic)).toEqual(['other']);
    mgr.maintain();
    mgr.closeAll();
  });
});
