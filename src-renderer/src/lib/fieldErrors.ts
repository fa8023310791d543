import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/**
 * zod issues → one message per form field. Array items fold into their field with the
 * offending position named ("bootstrapServers.1" → "bootstrapServers": "Server 2: …").
 */
export function fieldErrorsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  arrayFields: Record<string, (index: number) => string> = {},
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    let field = path.join('.') || '_form';
    let message = issue.message;
    const [head, index] = path;
    if (head && index !== undefined && /^\d+$/.test(index) && arrayFields[head]) {
      field = head;
      message = `${arrayFields[head](Number(index))}: ${message}`;
    }
    if (!(field in out)) out[field] = message;
  }
  return out;
}
