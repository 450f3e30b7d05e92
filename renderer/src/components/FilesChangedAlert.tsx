import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import type { GuideView } from '../../../shared/guide.js';
import { goToStep } from '../app/use-hash-step.js';

/** The parts of a path (folders and file name), split on `/` and `\\`. */
function pathParts(filePath: string): string[] {
  return filePath.split(/[\\/]/u).filter((part) => part !== '');
}

/**
 * The shortest trailing part of `filePath` (file name, then its folders) that `other` does not end
 * with, so two files of the same name in different folders read apart; the file name alone when
 * the names differ, `none` for no file.
 */
export function distinguishingName(
  filePath: string | undefined,
  other: string | undefined,
): string {
  if (filePath === undefined) return 'none';
  const parts = pathParts(filePath);
  const otherParts = other === undefined ? [] : pathParts(other);
  for (let count = 1; count <= parts.length; count += 1) {
    const suffix = parts.slice(-count);
    const otherSuffix = otherParts.slice(-count);
    if (suffix.join('/') !== otherSuffix.join('/')) {
      return count === parts.length ? filePath : suffix.join('/');
    }
  }
  return filePath;
}

/**
 * Says that the solutions and campaigns of this step hold the previously imported files while the
 * Data step now names others (`view.filesChanged`), and offers the import; nothing when they match.
 */
export function FilesChangedAlert({ view }: { view: GuideView }) {
  if (!view.filesChanged) return null;
  return (
    <Alert
      type="warning"
      header="The chosen files are not imported yet"
      action={<Button onClick={() => goToStep('import')}>Go to Import</Button>}
      data-testid="files-changed"
    >
      What you see here was trained on{' '}
      {distinguishingName(view.importedFiles.interactions, view.files.interactions)}
      {view.importedFiles.items === undefined
        ? ''
        : ` and ${distinguishingName(view.importedFiles.items, view.files.items)}`}
      ; step Data now names{' '}
      {distinguishingName(view.files.interactions, view.importedFiles.interactions)}
      {view.files.items === undefined
        ? ''
        : ` and ${distinguishingName(view.files.items, view.importedFiles.items)}`}
      . Import them to train on them.
    </Alert>
  );
}
