/**
 * kafkajs 2.2.4 (pinned, unmaintained upstream) schedules its request-queue check with
 * `throttledUntil - Date.now()` while `throttledUntil` is still -1, a negative delay that Node 24
 * clamps to 1 ms and reports as a TimeoutNegativeWarning on every start. The behaviour is right;
 * only the noise is dropped, and every other warning is printed as Node would.
 */
export function quietKafkajsTimeoutWarning(proc: NodeJS.Process = process): void {
  if ((proc as { samsaQuietWarnings?: boolean }).samsaQuietWarnings) return;
  (proc as { samsaQuietWarnings?: boolean }).samsaQuietWarnings = true;
  const printers = proc.listeners('warning');
  proc.removeAllListeners('warning');
  proc.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return;
    for (const print of printers) print.call(proc, warning);
  });
}
