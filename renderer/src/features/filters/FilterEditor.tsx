import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { codeEditorMount } from '../../components/code-editor-mount.js';
import { lintFilterExpression } from '../../../../shared/rules/filter-expression.js';

/**
 * CodeMirror diagnostics of a filter expression from the shared parser (the one the Local
 * sandbox validates CreateFilter with): each problem at its position, with its suggested fix
 * as an action.
 */
export function filterDiagnostics(text: string): Diagnostic[] {
  if (text.trim() === '') return [];
  return lintFilterExpression(text).map((problem) => ({
    from: Math.min(problem.from, text.length),
    to: Math.min(Math.max(problem.to, problem.from), text.length),
    severity: 'error',
    message: problem.message,
    ...(problem.fix === undefined
      ? {}
      : {
          actions: [
            {
              name: problem.fix.label,
              apply: (view: EditorView) =>
                view.dispatch({
                  changes: {
                    from: problem.fix?.from ?? 0,
                    to: problem.fix?.to ?? 0,
                    insert: problem.fix?.insert ?? '',
                  },
                }),
            },
          ],
        }),
  }));
}

/**
 * The filter expression editor: CodeMirror 6 with live lint (gutter markers, underlines, fixes)
 * from {@link filterDiagnostics}. Controlled: `value` replaces the text when it changes from
 * outside (a template), `onChange` gets every edit.
 */
export function FilterEditor({
  value,
  onChange,
  ariaLabel,
}: {
  value: string;
  onChange: (text: string) => void;
  ariaLabel: string;
}) {
  const host = useRef<HTMLDivElement | null>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (host.current === null) return undefined;
    const { root, parent } = codeEditorMount(host.current);
    const editor = new EditorView({
      root,
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          lintGutter(),
          linter((editorView) => filterDiagnostics(editorView.state.doc.toString()), {
            delay: 150,
          }),
          placeholder('INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': ariaLabel, role: 'textbox' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
          EditorView.theme({
            '&': {
              border: '2px solid #8c8c94',
              borderRadius: '8px',
              minHeight: '72px',
              backgroundColor: '#ffffff',
              color: '#000716',
            },
            '&.cm-focused': { outline: '2px solid #006ce0' },
            '.cm-content': { fontFamily: 'monospace', fontSize: '14px', padding: '8px 4px' },
            '.cm-placeholder': { color: '#656871' },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; `value` changes are applied by the effect below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const current = editor.state.doc.toString();
    if (current !== value)
      editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  return <div ref={host} data-testid="filter-editor" />;
}
