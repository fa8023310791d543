/**
 * LZ4 frames as Kafka reads them: independent 64 KiB blocks (the Java client refuses frames whose
 * blocks depend on each other, which is what lz4js's own frame writer makes). Each block is
 * compressed alone with lz4js's block compressor and a fresh hash table.
 */
import * as lz4 from 'lz4js';
// @ts-expect-error lz4js ships no typings for its xxh32 module
import * as xxh from 'lz4js/xxh32.js';

const MAGIC = 0x184d2204;
const BLOCK = 64 * 1024;
/** FLG: version 01, block independence. BD: 64 KiB maximum block size. */
const FLG = 0x60;
const BD = 0x40;

interface Lz4Blocks {
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
}

export function lz4Frame(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(7);
  header.writeUInt32LE(MAGIC, 0);
  header[4] = FLG;
  header[5] = BD;
  header[6] =
    ((xxh as { hash(seed: number, src: Uint8Array, index: number, len: number): number }).hash(0, header, 4, 2) >> 8) &
    0xff;
  parts.push(header);
  const out = new Uint8Array(BLOCK + BLOCK / 255 + 16);
  const table = new Uint32Array(1 << 16);
  for (let pos = 0; pos < data.length; pos += BLOCK) {
    const block = Uint8Array.prototype.slice.call(data, pos, pos + BLOCK);
    table.fill(0);
    const n = (lz4 as unknown as Lz4Blocks).compressBlock(block, out, 0, block.length, table);
    const size = Buffer.alloc(4);
    if (n === 0 || n >= block.length) {
      size.writeUInt32LE((0x80000000 | block.length) >>> 0); // stored uncompressed
      parts.push(size, Buffer.from(block));
    } else {
      size.writeUInt32LE(n);
      parts.push(size, Buffer.from(out.subarray(0, n)));
    }
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}
