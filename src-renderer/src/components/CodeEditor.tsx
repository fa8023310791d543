import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers, placeholder as placeholderExt } from '@codemirror/view';
import { tags } from '@lezer/highlight';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** JSON highlighting and live validation. */
  json?: boolean;
  /** Accessible name of the editing area. */
  label: string;
  describedBy?: string;
  invalid?: boolean;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
  placeholder?: string;
  /** Completion inside `{{ … }}` (produce templates). */
  completions?: CompletionSource;
  minLines?: number;
}

// Colours from the app's theme variables, so light and dark follow the OS like the rest.
const theme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--bg-input)',
    color: 'var(--text)',
    border: '1px solid var(--border-strong)',
    borderRadius: 'var(--radius)',
    fontSize: '12px',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-subtle)', color: 'var(--text-muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--bg-hover) 45%, transparent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--bg-selected)',
  },
  '.cm-tooltip': { backgroundColor: 'var(--bg)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-placeholder': { color: 'var(--text-muted)' },
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--accent)' },
  { tag: tags.string, color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--busy)' },
  { tag: [tags.punctuation, tags.brace, tags.squareBracket, tags.separator], color: 'var(--text-muted)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

const parseJson = jsonParseLinter();
/** An empty editor is not an error yet: the form says what is missing when Send is pressed. */
const jsonLinter = linter((view) => (view.state.doc.length === 0 ? [] : parseJson(view)), { delay: 250 });

function language(isJson: boolean): Extension {
  return isJson ? [json(), jsonLinter, lintGutter()] : [];
}

/**
 * The value editor (CodeMirror 6): JSON highlighting and validation as you type, undo, search,
 * bracket matching, and it stays fast with values of several megabytes.
 */
export function CodeEditor(p: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const attrs = useRef(new Compartment());
  const latest = useRef(p);
  useEffect(() => {
    latest.current = p;
  });

  useEffect(() => {
    const submit = keymap.of([
      {
        key: 'Mod-Enter',
        run: () => {
          latest.current.onSubmit?.();
          return true;
        },
      },
    ]);
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          submit,
          lineNumbers(),
          history(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          EditorView.lineWrapping,
          syntaxHighlighting(highlight),
          theme,
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
          latest.current.completions ? autocompletion({ override: [latest.current.completions] }) : [],
          latest.current.placeholder ? placeholderExt(latest.current.placeholder) : [],
          lang.current.of(language(Boolean(latest.current.json))),
          attrs.current.of([]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // A value set from outside (Format, "Use again", a reset) replaces the document.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== p.value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: p.value } });
    }
  }, [p.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: lang.current.reconfigure(language(Boolean(p.json))) });
  }, [p.json]);

  useEffect(() => {
    const a: Record<string, string> = { 'aria-label': p.label, 'aria-multiline': 'true', role: 'textbox' };
    if (p.describedBy) a['aria-describedby'] = p.describedBy;
    if (p.invalid) a['aria-invalid'] = 'true';
    view.current?.dispatch({ effects: attrs.current.reconfigure(EditorView.contentAttributes.of(a)) });
  }, [p.label, p.describedBy, p.invalid]);

  return <div ref={host} className="code-editor" style={{ minHeight: `${(p.minLines ?? 8) * 18 + 10}px` }} />;
}
