import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import type { GuideView } from '../../../shared/guide.js';
import { goToStep } from '../app/use-hash-step.js';

/** File name of a path, for short messages. */
function baseName(filePath: string | undefined): string {
  return filePath === undefined ? 'none' : (filePath.split(/[\\/]/u).pop() ?? filePath);
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
      What you see here was trained on {baseName(view.importedFiles.interactions)}
      {view.importedFiles.items === undefined ? '' : ` and ${baseName(view.importedFiles.items)}`};
      step Data now names {baseName(view.files.interactions)}
      {view.files.items === undefined ? '' : ` and ${baseName(view.files.items)}`}. Import them to
      train on them.
    </Alert>
  );
}
