/** Tiny `--name value` / `--flag` parser for our few command-line entry points. */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      out.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out.set(arg.slice(2), argv[++i]);
    } else {
      out.set(arg.slice(2), true);
    }
  }
  return out;
}

export function intArg(args: Map<string, string | true>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined || raw === true) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--${name} must be a port number (0-65535), got "${raw}"`);
  return n;
}
