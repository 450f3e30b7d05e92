import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { SetupPanel } from './SetupPanel.js';

/** The "Setup" page: the workspace's environment check and "Apply setup", outside the guided steps. */
export function SetupPage({ workspace }: { workspace: Workspace }) {
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={`Bucket ${workspace.setup.bucket} and role ${workspace.setup.roleName} of workspace ${workspace.name}.`}
        >
          Setup
        </Header>
      }
    >
      <SetupPanel workspaceId={workspace.id} targetKind={workspace.target.kind} isPrimaryAction />
    </ContentLayout>
  );
}
