/**
 * Compression for kafkajs, which only ships gzip: snappy, lz4 and zstd registered once for the
 * whole process, so Samsa both produces with every Kafka codec and reads topics written with any
 * of them. The codecs are the project's own (the broker's record code); zstd compresses with
 * Node's zlib.
 */
import zlib from 'node:zlib';
import kafkajs from 'kafkajs';
import { Compression, compress, decompress } from '../../broker/records/compression.js';

const { CompressionCodecs, CompressionTypes } = kafkajs;

type KafkajsCodec = () => {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
};

function codec(type: number): KafkajsCodec {
  return () => ({
    async compress(encoder) {
      if (type === Compression.ZSTD) return zlib.zstdCompressSync(encoder.buffer);
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
