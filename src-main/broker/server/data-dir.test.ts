import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrokerMeta, PRODUCER_ID_BLOCK_SIZE } from './data-dir.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('producer id allocation', () => {
  it('hands out ids in order and never the same id twice across restarts, one write per block', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-meta-'));
    dirs.push(dir);
    const meta = BrokerMeta.open(dir);
    const file = path.join(dir, 'meta.json');
    const first = [meta.allocateProducerId(), meta.allocateProducerId(), meta.allocateProducerId()];
    expect(first).toEqual([1000n, 1001n, 1002n]);
    const written = fs.statSync(file).mtimeMs;
    for (let i = 0; i < 50; i++) meta.allocateProducerId();
    expect(fs.statSync(file).mtimeMs).toBe(written); // still inside the reserved block
    // As after kill -9: the rest of the block is skipped, nothing is reused.
    const again = BrokerMeta.open(dir);
    expect(again.clusterId).toBe(meta.clusterId);
    expect(again.allocateProducerId()).toBe(1000n + PRODUCER_ID_BLOCK_SIZE);
  });
});
