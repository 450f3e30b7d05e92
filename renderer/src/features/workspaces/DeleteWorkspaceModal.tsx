import Alert from '@cloudscape-design/components/alert';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { useDeleteWorkspace } from '../../api/workspaces-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ModalFooter } from '../../components/ModalFooter.js';

/** What happens to the resources of a deleted workspace. */
type ResourceChoice = 'keep' | 'teardown';

/**
 * Confirms deleting a workspace: a clear choice between keeping its resources in the account
 * and tearing them down first (a job; the workspace goes once it succeeded), then the
 * workspace's name typed to confirm. The last workspace cannot be deleted: the dialog says so.
 * Calls `onDeleted` with the teardown job's id when there is one.
 */
export function DeleteWorkspaceModal({
  workspace,
  isLast,
  onClose,
  onDeleted,
}: {
  workspace: Workspace;
  /** The only workspace left: deleting is refused. */
  isLast: boolean;
  onClose: () => void;
  onDeleted: (jobId: string | undefined) => void;
}) {
  const [choice, setChoice] = useState<ResourceChoice | undefined>(undefined);
  const [typedName, setTypedName] = useState('');
  const remove = useDeleteWorkspace();
  const isConfirmed = typedName.trim() === workspace.name.trim();
  const canDelete = !isLast && choice !== undefined && isConfirmed;
  const where = workspace.target.kind === 'sandbox' ? 'the Local sandbox' : 'the AWS account';

  return (
    <Modal
      visible
      header={`Delete workspace "${workspace.name}"?`}
      onDismiss={onClose}
      footer={
        <ModalFooter
          submitLabel={choice === 'teardown' ? 'Tear down and delete' : 'Delete workspace'}
          isDisabled={!canDelete}
          isBusy={remove.isPending}
          onCancel={onClose}
          onSubmit={() => {
            if (choice === undefined) return;
            remove.mutate(
              { workspaceId: workspace.id, teardown: choice === 'teardown' },
              { onSuccess: ({ jobId }) => onDeleted(jobId) },
            );
          }}
        />
      }
    >
      {isLast ? (
        <Alert
          type="info"
          header="The last workspace cannot be deleted"
          data-testid="last-workspace"
        >
          The studio always keeps one workspace. Create another workspace first, then delete this
          one.
        </Alert>
      ) : (
        <SpaceBetween size="m">
          <FormField
            label="Its resources"
            description={`What the workspace created in ${where}: bucket, IAM role, dataset group, solutions, campaigns.`}
          >
            <RadioGroup
              ariaLabel="Its resources"
              value={choice ?? null}
              onChange={({ detail }) =>
                setChoice(detail.value === 'teardown' ? 'teardown' : 'keep')
              }
              items={[
                {
                  value: 'keep',
                  label: `Keep them in ${where}`,
                  description:
                    'Only the studio forgets the workspace. Resources that are still running keep costing on AWS.',
                },
                {
                  value: 'teardown',
                  label: 'Tear them down first',
                  description:
                    'A job deletes everything the workspace created, in dependency order; the workspace goes once it succeeded.',
                },
              ]}
            />
          </FormField>
          <FormField label="Type the workspace's name to confirm" constraintText={workspace.name}>
            <Input
              value={typedName}
              ariaLabel="Type the workspace's name to confirm"
              placeholder={workspace.name}
              onChange={({ detail }) => setTypedName(detail.value)}
            />
          </FormField>
          {remove.isError ? (
            <ErrorAlert header="The workspace could not be deleted" error={remove.error} />
          ) : null}
        </SpaceBetween>
      )}
    </Modal>
  );
}
