import { useEffect, useState } from 'react';
import { formatAgo } from './format.js';

/** "Sampled 3 s ago", kept current once a second (not announced: it changes too often to be news). */
export function SampleAge({ sampledAt, lagKnown }: { sampledAt: number | null; lagKnown: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="muted small sample-age">
      {sampledAt === null ? (lagKnown ? 'Not sampled yet' : 'Fetching lag…') : `Sampled ${formatAgo(sampledAt, now)}`}
    </span>
  );
}
