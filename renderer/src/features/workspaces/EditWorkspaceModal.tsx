import Box from '@cloudscape-design/components/box';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { useUpdateWorkspace } from '../../api/workspaces-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { NameField, TagsAndNotesFields } from './WorkspaceDetailsFields.js';
import {
  editorTags,
  emptyDraft,
  nameTakenMessage,
  targetDraft,
  validateEdit,
  type WorkspaceEdit,
} from './workspace-form.js';
import { TargetFields } from './TargetFields.js';
import { ModalFooter } from '../../components/ModalFooter.js';

/**
 * Renames a workspace and edits its notes and tags (`workspaces.update`); an AWS workspace's
 * profile, region and account id can be corrected while it has no resources (the core refuses
 * otherwise); the prefix stays.
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
    ...(workspace.target.kind === 'aws' ? { target: targetDraft(workspace) } : {}),
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
          error={errors.name ?? nameTakenMessage(update.error)}
          onChange={(name) => setEdit((current) => ({ ...current, name }))}
        />
        {edit.target === undefined ? null : (
          <ExpandableSection headerText="AWS profile, region and account" variant="footer">
            <SpaceBetween size="s">
              <Box variant="small">
                Correct the profile, the region or the account id while the workspace has no
                resources; once it has some, clean them up first (they live in the account this
                workspace names).
              </Box>
              <TargetFields
                draft={{ ...emptyDraft(), ...edit.target }}
                errors={errors}
                hideKind
                onChange={(patch) =>
                  setEdit((current) => ({
                    ...current,
                    target: {
                      targetKind: 'aws',
                      profile: patch.profile ?? current.target?.profile ?? '',
                      region: patch.region ?? current.target?.region ?? '',
                      accountId: patch.accountId ?? current.target?.accountId ?? '',
                    },
                  }))
                }
              />
            </SpaceBetween>
          </ExpandableSection>
        )}
        <TagsAndNotesFields
          tags={edit.tags}
          notes={edit.notes}
          errors={errors}
          onTagsChange={(tags) => setEdit((current) => ({ ...current, tags }))}
          onNotesChange={(notes) => setEdit((current) => ({ ...current, notes }))}
        />
        {update.isError && nameTakenMessage(update.error) === undefined ? (
          <ErrorAlert header="The workspace could not be saved" error={update.error} />
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}
