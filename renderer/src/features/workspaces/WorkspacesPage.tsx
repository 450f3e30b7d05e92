import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { useWorkspaces } from '../../api/hooks.js';
import { useSelectWorkspace } from '../../api/workspaces-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { targetLabel } from '../accounts/identity-text.js';
import { DeleteWorkspaceModal } from './DeleteWorkspaceModal.js';
import { DuplicateWorkspaceModal } from './DuplicateWorkspaceModal.js';
import { EditWorkspaceModal } from './EditWorkspaceModal.js';
import { IdText } from '../../components/IdText.js';

type Dialog =
  { readonly kind: 'edit' | 'duplicate' | 'delete'; readonly workspace: Workspace } | undefined;

/**
 * "Manage workspaces": every workspace with its target, prefix, tags and notes; select one to
 * switch to it, edit it (rename, notes, tags), duplicate it or delete it (keeping or tearing
 * down its resources). `onNew` opens the "New workspace" dialog.
 */
export function WorkspacesPage({ onNew }: { onNew: () => void }) {
  const list = useWorkspaces();
  const select = useSelectWorkspace();
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog>(undefined);
  const workspaces = list.data?.workspaces ?? [];
  const currentId = list.data?.currentId;
  const selected = workspaces.find((workspace) => workspace.id === (selectedId ?? currentId));
  const isLast = workspaces.length <= 1;
  const open = (kind: 'edit' | 'duplicate' | 'delete'): void => {
    if (selected !== undefined) setDialog({ kind, workspace: selected });
  };

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="One workspace per customer POC. Jobs of every workspace keep running whichever one the window shows."
        >
          Workspaces
        </Header>
      }
    >
      <SpaceBetween size="m">
        {list.isError ? (
          <ErrorAlert header="The workspaces could not be listed" error={list.error} />
        ) : null}
        {select.isError ? (
          <ErrorAlert header="The studio could not switch workspace" error={select.error} />
        ) : null}
        <Table
          header={
            <Header
              variant="h2"
              counter={`(${workspaces.length})`}
              description={
                isLast
                  ? 'The last workspace cannot be deleted: create another one first.'
                  : undefined
              }
              actions={
                <SpaceBetween direction="horizontal" size="xs">
                  <Button
                    disabled={selected === undefined || selected.id === currentId}
                    loading={select.isPending}
                    onClick={() => selected !== undefined && select.mutate(selected.id)}
                  >
                    Switch to
                  </Button>
                  <Button disabled={selected === undefined} onClick={() => open('edit')}>
                    Edit
                  </Button>
                  <Button disabled={selected === undefined} onClick={() => open('duplicate')}>
                    Duplicate
                  </Button>
                  <Button disabled={selected === undefined} onClick={() => open('delete')}>
                    Delete
                  </Button>
                  <Button variant="primary" onClick={onNew}>
                    New workspace
                  </Button>
                </SpaceBetween>
              }
            >
              All workspaces
            </Header>
          }
          ariaLabels={{
            tableLabel: 'Workspaces',
            selectionGroupLabel: 'Workspace selection',
            itemSelectionLabel: (_, workspace) => `Select workspace ${workspace.name}`,
          }}
          selectionType="single"
          selectedItems={selected === undefined ? [] : [selected]}
          onSelectionChange={({ detail }) => setSelectedId(detail.selectedItems[0]?.id)}
          loading={list.isPending}
          loadingText="Reading the workspaces"
          items={workspaces}
          trackBy="id"
          empty={<Box textAlign="center">No workspace yet.</Box>}
          columnDefinitions={[
            {
              id: 'name',
              header: 'Name',
              cell: (workspace) => (
                <SpaceBetween direction="horizontal" size="xs">
                  <span>{workspace.name}</span>
                  {workspace.id === currentId ? <Badge color="blue">shown</Badge> : null}
                </SpaceBetween>
              ),
            },
            {
              id: 'target',
              header: 'Target',
              cell: (workspace) => targetLabel(workspace.target, workspace.accountId),
            },
            {
              id: 'prefix',
              header: 'Prefix',
              cell: (workspace) => <IdText>{workspace.prefix}</IdText>,
            },
            {
              id: 'tags',
              header: 'Tags',
              cell: (workspace) =>
                Object.keys(workspace.tags).length === 0
                  ? '—'
                  : Object.entries(workspace.tags)
                      .map(([key, value]) => `${key}=${value}`)
                      .join(', '),
            },
            {
              id: 'notes',
              header: 'Notes',
              cell: (workspace) => (workspace.notes === '' ? '—' : workspace.notes),
              maxWidth: 320,
            },
          ]}
        />
      </SpaceBetween>
      {dialog?.kind === 'edit' ? (
        <EditWorkspaceModal workspace={dialog.workspace} onClose={() => setDialog(undefined)} />
      ) : null}
      {dialog?.kind === 'duplicate' ? (
        <DuplicateWorkspaceModal
          workspace={dialog.workspace}
          onClose={() => setDialog(undefined)}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteWorkspaceModal
          workspace={dialog.workspace}
          isLast={isLast}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setDialog(undefined);
            setSelectedId(undefined);
          }}
        />
      ) : null}
    </ContentLayout>
  );
}
