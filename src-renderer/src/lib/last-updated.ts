const pad = (n: number) => String(n).padStart(2, '0');

/** "14:32" today, "3 May 14:32" on another day: when cached data was fetched, in the local time zone. */
export function formatLastUpdated(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const today = new Date(now);
  const sameDay =
    d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  if (sameDay) return time;
  const month = d.toLocaleString('en-GB', { month: 'short' });
  return `${d.getDate()} ${month}${d.getFullYear() === today.getFullYear() ? '' : ` ${d.getFullYear()}`} ${time}`;
}
