/**
 * Compression for kafkajs, which only ships gzip: snappy, lz4 and zstd registered once for the
 * whole process, so Samsa both produces with every Kafka codec and reads topics written with any
 * of them. Decompression and snappy are the project's own record code; lz4 frames are written with
 * independent blocks (lz4-frame.ts); zstd compresses with Node's zlib.
 */
import zlib from 'node:zlib';
import kafkajs from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { Compression, compress, decompress } from '../../kafka-protocol/records/compression.js';
import { lz4Frame } from './lz4-frame.js';

const { CompressionCodecs, CompressionTypes } = kafkajs;

type KafkajsCodec = () => {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
};

function codec(type: number): KafkajsCodec {
  return () => ({
    async compress(encoder) {
      if (type === Compression.LZ4) return lz4Frame(encoder.buffer);
      if (type === Compression.ZSTD) {
        if (typeof zlib.zstdCompressSync !== 'function') {
          throw new AppError(
            'VALIDATION',
            'zstd compression needs a newer runtime (Node 22.15 or later); choose another codec.',
            {
              field: 'options.compression',
            },
          );
        }
        return zlib.zstdCompressSync(encoder.buffer);
      }
      return compress(type, encoder.buffer);
    },
    async decompress(buffer) {
      return decompress(type, buffer);
    },
  });
}

let registered = false;

export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
  const codecs = CompressionCodecs as unknown as Record<number, KafkajsCodec>;
  codecs[CompressionTypes.Snappy] = codec(Compression.SNAPPY);
  codecs[CompressionTypes.LZ4] = codec(Compression.LZ4);
  codecs[CompressionTypes.ZSTD] = codec(Compression.ZSTD);
}

export const COMPRESSION = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
} as const;
