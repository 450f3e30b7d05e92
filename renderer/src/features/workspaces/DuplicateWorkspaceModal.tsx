import Box from '@cloudscape-design/components/box';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { workspacesChannels } from '../../../../shared/ipc/workspaces.js';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { useDuplicateWorkspace } from '../../api/workspaces-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { NameField } from './WorkspaceDetailsFields.js';
import { nameTakenMessage } from './workspace-form.js';
import { ModalFooter } from '../../components/ModalFooter.js';

/**
 * Duplicates a workspace (`workspaces.duplicate`): same target, tags, notes and chosen files,
 * a new name and a new prefix; nothing of its resources is copied.
 */
export function DuplicateWorkspaceModal({
  workspace,
  onClose,
}: {
  workspace: Workspace;
  onClose: () => void;
}) {
  const [name, setName] = useState(`${workspace.name} (copy)`);
  const [isSubmitted, setSubmitted] = useState(false);
  const duplicate = useDuplicateWorkspace();
  const parsed = workspacesChannels['workspaces.duplicate'].input.safeParse({
    workspaceId: workspace.id,
    name,
  });
  const error = isSubmitted && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  return (
    <Modal
      visible
      header={`Duplicate workspace "${workspace.name}"`}
      onDismiss={onClose}
      footer={
        <ModalFooter
          submitLabel="Duplicate"
          isBusy={duplicate.isPending}
          onCancel={onClose}
          onSubmit={() => {
            setSubmitted(true);
            if (parsed.success)
              duplicate.mutate({ workspaceId: workspace.id, name }, { onSuccess: onClose });
          }}
        />
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          The copy has the same target, tags, notes and chosen files, and a new resource-name
          prefix. Resources are not copied.
        </Box>
        <NameField
          value={name}
          error={error ?? nameTakenMessage(duplicate.error)}
          onChange={setName}
        />
        {duplicate.isError && nameTakenMessage(duplicate.error) === undefined ? (
          <ErrorAlert header="The workspace could not be duplicated" error={duplicate.error} />
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}
