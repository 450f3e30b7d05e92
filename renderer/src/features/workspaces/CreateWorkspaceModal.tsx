import Box from '@cloudscape-design/components/box';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { useCreateWorkspace } from '../../api/workspaces-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TargetFields } from './TargetFields.js';
import { NameField, TagsAndNotesFields } from './WorkspaceDetailsFields.js';
import {
  emptyDraft,
  nameTakenMessage,
  prefixTakenMessage,
  PREFIX_RULE,
  validateDraft,
  type WorkspaceDraft,
} from './workspace-form.js';
import { ModalFooter } from '../../components/ModalFooter.js';
import { goToStep } from '../../app/use-hash-step.js';

/**
 * "New workspace…": name, target (Local sandbox, or an AWS profile with region and the account
 * id it must resolve to), resource-name prefix (generated when empty, the rule shown), tags and
 * notes. Fields are checked with the contract's schemas once the user first submits, then as
 * they type; `workspaces.create` errors show below the form. Calls `onCreated` with the new
 * workspace.
 */
export function CreateWorkspaceModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (workspace: Workspace) => void;
}) {
  const [draft, setDraft] = useState<WorkspaceDraft>(emptyDraft);
  const [isSubmitted, setSubmitted] = useState(false);
  // The prefix is checked once the user leaves the field (its rule is not obvious), not only on submit.
  const [isPrefixVisited, setPrefixVisited] = useState(false);
  const create = useCreateWorkspace();
  const validation = validateDraft(draft);
  const errors = isSubmitted && !validation.ok ? validation.errors : {};
  const prefixError =
    errors.prefix ??
    (isPrefixVisited && draft.prefix !== '' && !validation.ok
      ? validation.errors.prefix
      : undefined);
  const patch = (next: Partial<WorkspaceDraft>): void =>
    setDraft((current) => ({ ...current, ...next }));
  const submit = (): void => {
    setSubmitted(true);
    if (!validation.ok) return;
    create.mutate(validation.input, {
      onSuccess: (created) => {
        // A new POC starts at its first step, whatever step the previous workspace showed.
        goToStep('data');
        onCreated(created);
      },
    });
  };

  return (
    <Modal
      visible
      size="large"
      header="New workspace"
      onDismiss={onClose}
      footer={
        <ModalFooter
          submitLabel="Create workspace"
          isBusy={create.isPending}
          onCancel={onClose}
          onSubmit={submit}
        />
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Form
          errorText={isSubmitted && !validation.ok ? 'Some fields need attention.' : undefined}
          errorIconAriaLabel="Error"
        >
          <SpaceBetween size="m">
            <Box variant="p" color="text-body-secondary">
              One workspace per customer POC: its own target, resources, jobs and guided steps.
            </Box>
            <NameField
              value={draft.name}
              error={errors.name ?? nameTakenMessage(create.error)}
              onChange={(name) => patch({ name })}
            />
            <TargetFields draft={draft} errors={errors} onChange={patch} />
            <FormField
              label={
                <span>
                  Resource-name prefix <i>- optional</i>
                </span>
              }
              errorText={prefixError ?? prefixTakenMessage(create.error)}
              constraintText={PREFIX_RULE}
            >
              <Input
                value={draft.prefix}
                ariaLabel="Resource-name prefix"
                placeholder="customer-a"
                onChange={({ detail }) => patch({ prefix: detail.value })}
                onBlur={() => setPrefixVisited(true)}
              />
            </FormField>
            <TagsAndNotesFields
              tags={draft.tags}
              notes={draft.notes}
              errors={errors}
              onTagsChange={(tags) => patch({ tags })}
              onNotesChange={(notes) => patch({ notes })}
            />
            {create.isError &&
            nameTakenMessage(create.error) === undefined &&
            prefixTakenMessage(create.error) === undefined ? (
              <ErrorAlert
                header="The workspace could not be created"
                error={create.error}
                testId="create-workspace-error"
              />
            ) : null}
          </SpaceBetween>
        </Form>
      </form>
    </Modal>
  );
}
