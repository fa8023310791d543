import type { CompletionSource } from '@codemirror/autocomplete';
import { TEMPLATE_FUNCTIONS } from '../../contract.js';

/** Inside `{{ … }}`, offers every placeholder with what it produces. */
export const templateCompletions: CompletionSource = (ctx) => {
  const before = ctx.matchBefore(/\{\{\s*[\w.]*/);
  if (!before) return null;
  const word = /[\w.]*$/.exec(before.text)![0];
  return {
    from: before.to - word.length,
    options: Object.entries(TEMPLATE_FUNCTIONS).map(([name, spec]) => ({
      label: name,
      detail: spec.help,
      type: spec.args === 'none' ? 'variable' : 'function',
    })),
    validFor: /^[\w.]*$/,
  };
};
