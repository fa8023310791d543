import { useEffect, useState } from 'react';

/**
 * Copies text to the clipboard and shows "Copied" for a moment. The button keeps its name (what it
 * copies); the outcome is announced through a status for screen readers.
 */
export function CopyButton({ text, label, short = 'Copy' }: { text: () => string; label: string; short?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        aria-label={label}
        title={label}
        onClick={() =>
          navigator.clipboard.writeText(text()).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : short}
      </button>
      <span role="status" className="visually-hidden">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy to the clipboard' : ''}
      </span>
    </>
  );
}
