import { useState } from 'react';
import { useAppInfo } from '../../queries/app.js';

/** Problems found at start-up (e.g. an unreadable connections file that was moved aside). */
export function StartupNotices() {
  const notices = useAppInfo().data?.notices ?? [];
  const [dismissed, setDismissed] = useState(false);
  if (notices.length === 0 || dismissed) return null;
  return (
    <div role="alert" className="startup-notice">
      {notices.map((n) => (
        <p key={n}>{n}</p>
      ))}
      <button type="button" className="btn" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
