import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { codeEditorMount } from '../../components/code-editor-mount.js';
import { useControlledEditor } from '../../components/controlled-editor.js';
import type { RuleDatasetType } from '../../../../shared/rules/dataset-rules.js';
import { schemaDiagnostics } from './schema-diagnostics.js';

/**
 * The schema JSON editor: CodeMirror 6 with JSON highlighting and live lint from the shared
 * schema rules (gutter markers, underlines, each message with the rule's explanation).
 * Controlled: `value` replaces the text when it changes from outside (the form), `onChange` gets
 * every edit. `isReadOnly` shows the text without letting it be edited (an existing dataset's schema).
 */
export function SchemaJsonEditor({
  value,
  onChange,
  datasetType,
  ariaLabel,
  isReadOnly = false,
}: {
  value: string;
  onChange: (text: string) => void;
  datasetType: RuleDatasetType;
  ariaLabel: string;
  isReadOnly?: boolean;
}) {
  const host = useRef<HTMLDivElement | null>(null);
  const view = useRef<EditorView | null>(null);
  const controlled = useControlledEditor(view, value, onChange);

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
          json(),
          syntaxHighlighting(defaultHighlightStyle),
          lineNumbers(),
          lintGutter(),
          linter((editorView) => schemaDiagnostics(editorView.state, datasetType), { delay: 150 }),
          EditorView.lineWrapping,
          EditorState.readOnly.of(isReadOnly),
          EditorView.editable.of(!isReadOnly),
          EditorView.contentAttributes.of({
            'aria-label': ariaLabel,
            role: 'textbox',
            ...(isReadOnly ? { 'aria-readonly': 'true' } : {}),
          }),
          controlled,
          EditorView.theme({
            '&': { border: '1px solid #8c8c94', borderRadius: '8px', maxHeight: '420px' },
            '.cm-scroller': { overflow: 'auto' },
            '.cm-content': { fontFamily: 'monospace', fontSize: '13px' },
            // Markers as glyphs and underlines as text decoration, without CodeMirror's SVG images.
            '.cm-lint-marker': { backgroundImage: 'none', width: '1.1em' },
            '.cm-lint-marker-error::before': { content: '"●"', color: '#d91515' },
            '.cm-lint-marker-warning::before': { content: '"▲"', color: '#8d6605' },
            '.cm-lint-marker-info::before': { content: '"i"', color: '#006ce0' },
            '.cm-lintRange-error': {
              backgroundImage: 'none',
              textDecoration: 'underline wavy #d91515',
            },
            '.cm-lintRange-warning': {
              backgroundImage: 'none',
              textDecoration: 'underline wavy #8d6605',
            },
            '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted' },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once per dataset type and mode; `value` changes: useControlledEditor.
  }, [datasetType, isReadOnly]);

  return <div ref={host} data-testid={`schema-json-${datasetType}`} />;
}
