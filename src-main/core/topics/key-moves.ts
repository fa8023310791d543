/**
 * "How many of the recent keys would land on another partition?" — answered from a sample of the
 * newest records: find the partitioner that explains where they sit now, then re-map each distinct
 * key with the new partition count.
 */
import type { KeyMovePreview, PartitionerName } from '../../contract/topics.js';
import { PARTITIONERS, partitionFor } from './partitioners.js';

export interface SampledRecord {
  partition: number;
  /** null for records without a key (they are spread, not hashed). */
  key: Uint8Array | null;
}

/** Share of keyed records a partitioner must explain before Samsa calls it the one in use. */
const EXPLAINS = 0.95;
const MAX_EXAMPLES = 8;

function keyText(key: Uint8Array): string {
  const s = Buffer.from(key).toString('utf8');
  // Printable text as is; anything else (binary, broken UTF-8) as hex.
  if (!s.includes('\uFFFD') && !/[\u0000-\u001f\u007f]/.test(s)) return s.length > 80 ? `${s.slice(0, 80)}…` : s;
  const hex = Buffer.from(key).toString('hex');
  return `0x${hex.length > 80 ? `${hex.slice(0, 80)}…` : hex}`;
}

export function analyseKeyMoves(
  records: readonly SampledRecord[],
  currentCount: number,
  totalCount: number,
): KeyMovePreview {
  const keyed = records.filter((r): r is SampledRecord & { key: Uint8Array } => r.key !== null);
  let partitioner: PartitionerName | null = null;
  let matchingRecords = 0;
  for (const p of PARTITIONERS) {
    const matches = keyed.filter((r) => partitionFor(p, r.key, currentCount) === r.partition).length;
    if (matches > matchingRecords) {
      matchingRecords = matches;
      partitioner = p;
    }
  }
  if (keyed.length === 0 || matchingRecords < keyed.length * EXPLAINS) partitioner = null;
  // Without a partitioner that explains the data, show what Java's default would do.
  const rule = partitioner ?? 'murmur2';
  if (partitioner === null)
    matchingRecords = keyed.filter((r) => partitionFor(rule, r.key, currentCount) === r.partition).length;

  const byKey = new Map<string, { key: Uint8Array; records: number }>();
  for (const r of keyed) {
    const id = Buffer.from(r.key).toString('base64');
    const entry = byKey.get(id);
    if (entry) entry.records++;
    else byKey.set(id, { key: r.key, records: 1 });
  }
  let movingKeys = 0;
  let movingRecords = 0;
  const examples: KeyMovePreview['examples'] = [];
  for (const { key, records: n } of byKey.values()) {
    const from = partitionFor(rule, key, currentCount);
    const to = partitionFor(rule, key, totalCount);
    if (from === to) continue;
    movingKeys++;
    movingRecords += n;
    if (examples.length < MAX_EXAMPLES) examples.push({ key: keyText(key), from, to });
  }
  return {
    currentCount,
    totalCount,
    sampledRecords: records.length,
    keyedRecords: keyed.length,
    distinctKeys: byKey.size,
    movingKeys,
    movingRecords,
    partitioner,
    matchingRecords,
    examples,
  };
}
