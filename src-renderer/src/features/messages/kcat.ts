/**
 * The current view as a `kcat` command line (librdkafka's consumer), to read the same records in a
 * terminal or a script. A page becomes one command per partition over exactly its offsets.
 */
import type { ConnectionProfile, PagePartition, Start } from '../../contract.js';

export type KcatConnection = Pick<ConnectionProfile, 'bootstrapServers' | 'tls' | 'sasl'>;

export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function base(c: KcatConnection, topic: string): string[] {
  const args = ['kcat', '-b', shellQuote(c.bootstrapServers.join(',')), '-C', '-t', shellQuote(topic)];
  const protocol = c.sasl ? (c.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : c.tls ? 'SSL' : null;
  if (protocol) args.push('-X', `security.protocol=${protocol}`);
  if (c.sasl) {
    args.push('-X', `sasl.mechanisms=${c.sasl.mechanism.toUpperCase()}`);
    args.push('-X', `sasl.username=${shellQuote(c.sasl.username)}`, '-X', "sasl.password='<password>'");
  }
  return args;
}

const TAIL = ['-e', '-J'];

/** Commands that read exactly a page: for each partition with records, its [start, end). */
export function kcatForPage(c: KcatConnection, topic: string, partitions: PagePartition[]): string {
  const lines = partitions
    .filter((p) => BigInt(p.end) > BigInt(p.start))
    .map((p) =>
      [
        ...base(c, topic),
        '-p',
        String(p.partition),
        '-o',
        p.start,
        '-c',
        String(BigInt(p.end) - BigInt(p.start)),
        ...TAIL,
      ].join(' '),
    );
  return lines.length > 0
    ? lines.join(' && \\\n')
    : `${[...base(c, topic), '-o', 'end', ...TAIL].join(' ')}  # nothing to read here`;
}

/** A command for a start (newest, oldest, an offset, a time) and a count, across the chosen partitions. */
export function kcatForStart(
  c: KcatConnection,
  topic: string,
  partitions: number[] | null,
  start: Start,
  limit: number,
): string {
  const one = partitions?.length === 1 ? ['-p', String(partitions[0])] : [];
  let from: string[];
  switch (start.kind) {
    case 'newest':
      // kcat counts from the end per partition.
      from = ['-o', `-${limit}`];
      break;
    case 'oldest':
      from = ['-o', 'beginning', '-c', String(limit)];
      break;
    case 'offset':
      from = ['-o', start.offset, '-c', String(limit)];
      break;
    case 'timestamp':
      from = ['-o', `s@${start.timestamp}`, '-c', String(limit)];
      break;
    case 'positions':
      return start.positions
        .map((p) =>
          [...base(c, topic), '-p', String(p.partition), '-o', p.offset, '-c', String(limit), ...TAIL].join(' '),
        )
        .join(' && \\\n');
  }
  return [...base(c, topic), ...one, ...from, ...TAIL].join(' ');
}
