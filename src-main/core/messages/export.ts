/**
 * Export streams records to a file the host opens: a save dialog's file in the desktop app, an HTTP
 * download in browser mode. Lines are written as they are read, with the stream's backpressure, so
 * a million records take the same memory as a hundred.
 */
import type { Writable } from 'node:stream';
import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { SubscriptionContext } from '../../contract/define.js';
import type { ExportItem } from '../../contract/messages.js';
import type { ValidSubscriptionParamsOf } from '../../contract/methods.js';
import { requireTopic } from '../topics/require-topic.js';
import { choosePartitions } from './browse.js';
import { CSV_HEADER, exportLine } from './export-format.js';
import { TopicFetcher } from './fetcher.js';
import type { ReadRecord } from './read-record.js';
import { compileFilter } from './filter-eval.js';
import { resolveScan } from './scan.js';
import { selectionRanges, waves } from './selection.js';

export interface ExportTarget {
  stream: Writable;
  /** Shown as "Saved to …"; null for a download (the browser knows where it went). */
  savedTo: string | null;
  /** Removes what was written when the export is cancelled or fails. */
  discard(): Promise<void>;
}

/**
 * Provided by the host. `announce` tells the window where to fetch a download from (browser mode);
 * null means the person dismissed the save dialog.
 */
export type OpenExportTarget = (req: {
  fileName: string;
  signal: AbortSignal;
  announce: (path: string) => void;
}) => Promise<ExportTarget | null>;

const PROGRESS_EVERY_MS = 250;
const CHUNK_BYTES = 64 * 1024;
/** Small slices: a response's lines are what is held at once. */
const EXPORT_PARTITION_BYTES = 256 * 1024;
const EXPORT_RESPONSE_BYTES = 1024 * 1024;

export async function exportMessages(
  cluster: Cluster,
  params: ValidSubscriptionParamsOf<'messages.export'>,
  ctx: SubscriptionContext<ExportItem>,
  open: OpenExportTarget | undefined,
): Promise<void> {
  if (!open) throw new AppError('INTERNAL', 'Export to a file is not available in this window.');
  const topic = await requireTopic(cluster, params.topic);
  const source = params.source;
  const fetcher = new TopicFetcher(cluster, topic);
  // Resolve the ranges before asking for a file, so a bad request does not leave an empty one.
  const ranges =
    source.kind === 'search'
      ? await resolveScan(cluster, topic, source.scan)
      : source.kind === 'ranges'
        ? source.ranges.map((r) => ({ partition: r.partition, start: BigInt(r.start), end: BigInt(r.end) }))
        : selectionRanges(source.records);
  choosePartitions(
    topic,
    ranges.map((r) => r.partition),
  );
  const total = ranges.reduce((n, r) => n + Number(r.end - r.start), 0);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const fileName = `${params.topic}-${stamp}.${params.format}`;
  const target = await open({
    fileName,
    signal: ctx.signal,
    announce: (path) => ctx.emit({ kind: 'download', path, fileName }),
  });
  if (!target) {
    ctx.emit({ kind: 'not-saved' });
    return;
  }
  const out = new LineWriter(target.stream, ctx.signal);
  let records = 0;
  let scanned = 0;
  let lastProgress = 0;
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const percent = total > 0 && source.kind !== 'records' ? Math.min(100, Math.floor((scanned * 100) / total)) : null;
    ctx.emit({ kind: 'progress', records, bytes: out.bytes, scanned, percent });
  };
  // Each record becomes its line while the response is decoded (the record itself is never kept),
  // then the lines go out with the file's backpressure: what stays alive is text, not objects.
  const test = source.kind === 'search' ? compileFilter(source.scan.filter) : null;
  const wanted = source.kind === 'records' ? new Set(source.records.map((r) => `${r.partition}:${r.offset}`)) : null;
  const keep = (r: ReadRecord): boolean => {
    if (test && !test(r)) return false;
    if (wanted && !wanted.has(`${r.partition}:${r.offset}`)) return false;
    out.push(exportLine(params.format, params.topic, r));
    records++;
    return false;
  };

  try {
    if (params.format === 'csv') out.push(CSV_HEADER);
    // stream() reads one range per partition at a time: a selection may have several.
    for (const wave of waves(ranges)) {
      await fetcher.stream(
        wave,
        { signal: ctx.signal, keep, partitionBytes: EXPORT_PARTITION_BYTES, responseBytes: EXPORT_RESPONSE_BYTES },
        async (_p, _none, _next, got) => {
          scanned += got.seen;
          await out.flush();
          progress();
        },
      );
    }
    await out.end();
  } catch (e) {
    target.stream.destroy();
    await target.discard().catch(() => undefined);
    throw e;
  }
  progress(true);
  ctx.emit({ kind: 'done', records, bytes: out.bytes, savedTo: target.savedTo });
}

/** Collects lines into chunks and writes them with the stream's backpressure. */
class LineWriter {
  bytes = 0;
  private lines: string[] = [];
  private linesSize = 0;
  private chunks: Buffer[] = [];

  /** The stream's first error: kept here, so a write the file finishes after a cancel never goes uncaught. */
  private failure: Error | null = null;

  constructor(
    private readonly stream: Writable,
    private readonly signal: AbortSignal,
  ) {
    stream.on('error', (err) => {
      this.failure ??= err;
    });
  }

  /**
   * Adds a line (synchronously: called while a response is decoded). Lines become bytes every
   * 64 KiB at once, so the text dies young and what waits for the file lives outside the JS heap.
   */
  push(line: string): void {
    this.lines.push(line);
    this.linesSize += line.length;
    if (this.linesSize >= CHUNK_BYTES) this.seal();
  }

  private seal(): void {
    if (this.lines.length === 0) return;
    this.chunks.push(Buffer.from(this.lines.join(''), 'utf8'));
    this.lines = [];
    this.linesSize = 0;
  }

  /** Writes what was added, waiting for the file (or download) to take it. */
  async flush(): Promise<void> {
    this.seal();
    const chunks = this.chunks;
    this.chunks = [];
    for (const chunk of chunks) {
      this.bytes += chunk.length;
      if (this.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      if (this.failure) throw new AppError('INTERNAL', `Could not write the file: ${this.failure.message}`);
      if (this.stream.destroyed) throw new AppError('CANCELLED', 'The file was closed before the export finished.');
      if (!this.stream.write(chunk)) await waitDrain(this.stream, this.signal);
    }
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

function waitDrain(stream: Writable, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      stream.off('error', done);
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new AppError('CANCELLED', 'The file was closed before the export finished.'));
    const onAbort = () => done(new AppError('CANCELLED', 'Cancelled.'));
    stream.on('drain', onDrain);
    stream.on('close', onClose);
    stream.on('error', done);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
