/**
 * Is a process still there in a way that matters? `kill(pid, 0)` alone says yes for a zombie (a
 * process that has exited but whose parent has not collected it yet) and for a process that is
 * already being torn down. Neither can hold a port or keep working on a data folder, so on Linux
 * we read the kernel's view in /proc. Plain Node: the broker and the app core share it.
 */
import fs from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /**
   * When the process started, in the kernel's clock ticks since boot (Linux), so a pid reused by
   * an unrelated process after a crash or reboot is not taken for the original. Null elsewhere.
   */
  startTime: string | null;
}

interface ProcStat {
  state: string;
  ppid: number;
  startTime: string;
}

/** Fields of /proc/PID/stat, or null where there is no /proc or no such process. */
function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', ppid: Number(fields[1]), startTime: fields[19] ?? '' };
}

const hasProc = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

/** A running process as a lock file records it (its start time only where /proc tells it). */
export function identityOf(pid: number = process.pid): ProcessIdentity {
  return { pid, startTime: hasProc ? (readProcStat(pid)?.startTime ?? null) : null };
}

/**
 * True when `pid` no longer runs code: there is no such process, it is a zombie or dead (Linux
 * states Z, X, x), or — when `startTime` is known — the pid now belongs to a different process.
 */
export function isProcessGone(pid: number, startTime: string | null = null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (hasProc) {
    const stat = readProcStat(pid);
    if (!stat) return true;
    if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return true;
    return startTime !== null && stat.startTime !== startTime;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: it exists but belongs to someone else; only ESRCH means it is gone.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Polls until the process is gone or `timeoutMs` passes; resolves with whether it is gone. */
export async function waitUntilGone(pid: number, timeoutMs: number, startTime: string | null = null): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (isProcessGone(pid, startTime)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Calls `onGone` once when `pid` is gone (see isProcessGone), checking every `intervalMs`. The
 * timer does not keep the process alive. Returns a function that stops watching.
 */
export function watchProcess(pid: number, onGone: () => void, intervalMs = 500): () => void {
  const { startTime } = identityOf(pid);
  const timer = setInterval(() => {
    if (!isProcessGone(pid, startTime)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
