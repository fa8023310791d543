import { useEffect, useState } from 'react';
import { useLinkState } from '../../bridge/context.js';

/** Only in browser mode: says so when the WebSocket to the backend is down. */
export function LinkBanner() {
  const link = useLinkState();
  // The first connect normally takes milliseconds; only mention it if it drags on.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (link !== 'connecting') return;
    const t = setTimeout(() => setSlow(true), 1500);
    return () => clearTimeout(t);
  }, [link]);

  const text =
    link === 'reconnecting'
      ? 'Lost the connection to Samsa’s backend. Reconnecting…'
      : link === 'connecting' && slow
        ? 'Connecting to Samsa’s backend…'
        : null;
  return (
    <div role="status" className={text ? 'link-banner' : 'link-banner link-banner-hidden'}>
      {text}
    </div>
  );
}
