import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { useUpdateWorkspace } from '../../api/workspaces-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { NameField, TagsAndNotesFields } from './WorkspaceDetailsFields.js';
import { editorTags, validateEdit, type WorkspaceEdit } from './workspace-form.js';
import { ModalFooter } from '../../components/ModalFooter.js';

/**
 * Renames a workspace and edits its notes and tags (`workspaces.update`); the target and the
 * prefix stay fixed once resources may exist.
 */
export function EditWorkspaceModal({
  workspace,
  onClose,
}: {
  workspace: Workspace;
  onClose: () => void;
}) {
  const [edit, setEdit] = useState<WorkspaceEdit>(() => ({
    name: workspace.name,
    notes: workspace.notes,
    tags: editorTags(workspace.tags),
  }));
  const [isSubmitted, setSubmitted] = useState(false);
  const update = useUpdateWorkspace();
  const validation = validateEdit(workspace, edit);
  const errors = isSubmitted && !validation.ok ? validation.errors : {};
  return (
    <Modal
      visible
      size="large"
      header={`Edit workspace "${workspace.name}"`}
      onDismiss={onClose}
      footer={
        <ModalFooter
          submitLabel="Save changes"
          isBusy={update.isPending}
          onCancel={onClose}
          onSubmit={() => {
            setSubmitted(true);
            if (validation.ok) update.mutate(validation.input, { onSuccess: onClose });
          }}
        />
      }
    >
      <SpaceBetween size="m">
        <NameField
          value={edit.name}
          error={errors.name}
          onChange={(name) => setEdit((current) => ({ ...current, name }))}
        />
        <TagsAndNotesFields
          tags={edit.tags}
          notes={edit.notes}
          errors={errors}
          onTagsChange={(tags) => setEdit((current) => ({ ...current, tags }))}
          onNotesChange={(notes) => setEdit((current) => ({ ...current, notes }))}
        />
        {update.isError ? (
          <ErrorAlert header="The workspace could not be saved" error={update.error} />
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}
