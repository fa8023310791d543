import { useId, type ReactNode } from 'react';
import './InlineField.css';

/**
 * A label beside its control (toolbars). The label points at the control by id instead of wrapping
 * it, so the control's accessible name is the label alone, not the label plus every option.
 */
export function InlineField({
  label,
  children,
  className,
}: {
  label: string;
  children: (id: string) => ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <span className={`inline-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </span>
  );
}
