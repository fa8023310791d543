/** Text plus colour, never colour alone. */
export function StateBadge({
  tone,
  children,
}: {
  tone: 'ok' | 'warn' | 'error' | 'neutral' | 'busy';
  children: string;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
