/**
 * Where a CodeMirror editor mounts under the renderer's CSP (`style-src 'self'`, SECURITY.md
 * §1 item 7): CodeMirror injects its styles, and a `<style>` element in the document is
 * refused, but in a shadow root they load as adopted style sheets, which the CSP allows.
 *
 * @returns the shadow root of `host` (created once) and a fresh element inside it, for
 *   `new EditorView({ root, parent })`.
 */
export function codeEditorMount(host: HTMLElement): { root: ShadowRoot; parent: HTMLElement } {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  root.replaceChildren(parent);
  return { root, parent };
}
