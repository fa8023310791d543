/**
 * A coloured dot with its meaning as text for screen readers (and as a tooltip): colour is never
 * the only signal. Place it after the name it qualifies, so it is read "Staging, Connected"; CSS
 * may draw it first.
 */
export function StatusDot({ tone, label }: { tone: 'ok' | 'error' | 'neutral' | 'busy'; label: string }) {
  return (
    <>
      <span className={`dot dot-tone-${tone}`} aria-hidden="true" title={label} />
      <span className="visually-hidden">, {label}</span>
    </>
  );
}
