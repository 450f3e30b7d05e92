import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { GuideView } from '../../../../shared/guide.js';
import { useSetFiles } from '../../api/hooks.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useChecks, type DatasetType } from './data-hooks.js';
import { FileSection } from './FileSection.js';
import { UseSampleButton, type SampleFiles } from './UseSampleButton.js';
import { PrepareSection } from './prepare/PrepareSection.js';
import type { PrepareRequest, RequestedFix } from './prepare/prepare-request.js';

/** "interactions", "interactions and items", "interactions, items and users". */
function joinTypes(types: readonly DatasetType[]): string {
  if (types.length <= 1) return types.join('');
  return `${types.slice(0, -1).join(', ')} and ${types.at(-1) ?? ''}`;
}

/**
 * Step 1: choose the interactions, items and users files (or the bundled sample), see all their
 * rows, counts, checks and profile, then continue to the import.
 */
export function DataStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const setFiles = useSetFiles(workspaceId);
  const [sampleDescription, setSampleDescription] = useState<string>();
  const [sampleError, setSampleError] = useState<unknown>();
  // A file handed to Fix into new files by its or a finding's "Fix into new files" button (`key`
  // tells clicks apart; a finding's also passes its mapping fix).
  const [prepareRequest, setPrepareRequest] = useState<PrepareRequest>();
  const fixIntoNewFiles = (path: string, fix?: RequestedFix): void =>
    setPrepareRequest((previous) => ({ path, key: (previous?.key ?? 0) + 1, fix }));

  const applySample = async (sample: SampleFiles): Promise<void> => {
    setSampleError(undefined);
    setSampleDescription(sample.description);
    await setFiles.mutateAsync({
      interactions: sample.interactions,
      items: sample.items,
      users: sample.users,
    });
  };

  // The Import step's rule: no chosen file may have a blocking finding (the cards' own checks).
  const interactionsChecks = useChecks(poc.files.interactions ?? '', 'interactions', undefined, {
    enabled: poc.files.interactions !== undefined,
  });
  const itemsChecks = useChecks(poc.files.items ?? '', 'items', undefined, {
    enabled: poc.files.items !== undefined,
  });
  const usersChecks = useChecks(poc.files.users ?? '', 'users', undefined, {
    enabled: poc.files.users !== undefined,
  });
  const chosen = [
    { type: 'interactions' as const, path: poc.files.interactions, checks: interactionsChecks },
    { type: 'items' as const, path: poc.files.items, checks: itemsChecks },
    { type: 'users' as const, path: poc.files.users, checks: usersChecks },
  ].filter((file) => file.path !== undefined);
  const blocked = chosen
    .filter((file) => file.checks.data?.checks.some((check) => check.level === 'error') === true)
    .map((file) => file.type);
  const checking = chosen.some((file) => file.checks.data === undefined);
  const canContinue = poc.files.interactions !== undefined && !checking && blocked.length === 0;

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Choose the customer's CSV files. Nothing is modified: the studio reads them and checks them against the service's rules."
          actions={
            <UseSampleButton files={poc.files} onUse={applySample} onError={setSampleError} />
          }
        >
          1. Data
        </Header>
      }
    >
      <SpaceBetween size="l">
        {sampleDescription === undefined ? null : (
          <Alert
            type="info"
            header="Sample POC"
            dismissible
            onDismiss={() => setSampleDescription(undefined)}
          >
            {sampleDescription}
          </Alert>
        )}
        {sampleError === undefined ? null : (
          <ErrorAlert header="The sample POC could not be loaded" error={sampleError} />
        )}
        {setFiles.isError ? (
          <ErrorAlert header="The file could not be set" error={setFiles.error} />
        ) : null}
        <FileSection
          datasetType="interactions"
          path={poc.files.interactions}
          onFixIntoNewFiles={fixIntoNewFiles}
          isSaving={
            setFiles.isPending && setFiles.variables.interactions !== poc.files.interactions
          }
          onChoose={(path) =>
            setFiles
              .mutateAsync({ interactions: path, items: poc.files.items, users: poc.files.users })
              .then(() => undefined)
          }
        />
        <FileSection
          datasetType="items"
          path={poc.files.items}
          onFixIntoNewFiles={fixIntoNewFiles}
          isSaving={setFiles.isPending && setFiles.variables.items !== poc.files.items}
          onChoose={(path) =>
            setFiles
              .mutateAsync({
                interactions: poc.files.interactions,
                items: path,
                users: poc.files.users,
              })
              .then(() => undefined)
          }
        />
        <FileSection
          datasetType="users"
          path={poc.files.users}
          onFixIntoNewFiles={fixIntoNewFiles}
          isSaving={setFiles.isPending && setFiles.variables.users !== poc.files.users}
          onChoose={(path) =>
            setFiles
              .mutateAsync({
                interactions: poc.files.interactions,
                items: poc.files.items,
                users: path,
              })
              .then(() => undefined)
          }
        />
        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
          <Button variant="primary" disabled={!canContinue} onClick={() => goToStep('import')}>
            Continue to import
          </Button>
          {poc.files.interactions === undefined ? (
            <Box color="text-body-secondary">Choose an interactions file first.</Box>
          ) : null}
          {blocked.length === 0 ? null : (
            <Box color="text-status-error" data-testid="continue-blocked">
              Fix the errors of the {joinTypes(blocked)} {blocked.length === 1 ? 'file' : 'files'}{' '}
              first.
            </Box>
          )}
          {blocked.length === 0 && checking && poc.files.interactions !== undefined ? (
            <Box color="text-body-secondary">Checking the chosen files…</Box>
          ) : null}
        </SpaceBetween>
        <PrepareSection workspaceId={workspaceId} request={prepareRequest} />
      </SpaceBetween>
    </ContentLayout>
  );
}
