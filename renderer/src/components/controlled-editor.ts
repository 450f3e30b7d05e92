import { Annotation, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef, type RefObject } from 'react';

/** Marks the transaction that writes a `value` from outside (a template, the form). */
const external = Annotation.define<boolean>();

/** How many emitted values are remembered as possible echoes (React commits far fewer). */
const MAX_ECHOES = 200;

/**
 * The value side of a controlled CodeMirror editor: every edit goes to `onChange`, and a
 * `value` that changes from outside replaces the text.
 *
 * React applies a parent's state in a later task than the keystroke that caused it, so a
 * `value` can arrive that the editor itself emitted a few keystrokes ago. Writing that value
 * back would undo the keystrokes typed since (a fast Backspace run left "… AN" of " AND").
 * So the values emitted since the last outside change are remembered, and a `value` among
 * them is an echo: it, and every older echo, is dropped without touching the text (React
 * commits values in the order they were set, so the oldest match is the one committed).
 *
 * @param view the editor, set once it is created (null before and after)
 * @param value the controlled text
 * @param onChange gets the full text after every edit made in the editor
 * @returns the extension to add to the editor's state; it reports edits to `onChange`
 */
export function useControlledEditor(
  view: RefObject<EditorView | null>,
  value: string,
  onChange: (text: string) => void,
): Extension {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const emitted = useRef<string[]>([]);
  const listener = useRef<Extension | null>(null);
  listener.current ??= EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    if (update.transactions.some((transaction) => transaction.annotation(external) === true))
      return;
    const text = update.state.doc.toString();
    emitted.current.push(text);
    if (emitted.current.length > MAX_ECHOES) emitted.current.shift();
    onChangeRef.current(text);
  });

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const echo = emitted.current.indexOf(value);
    if (echo >= 0) {
      emitted.current.splice(0, echo + 1);
      return;
    }
    emitted.current = [];
    const current = editor.state.doc.toString();
    if (current !== value)
      editor.dispatch({
        changes: { from: 0, to: current.length, insert: value },
        annotations: external.of(true),
      });
  }, [value, view]);

  return listener.current;
}
