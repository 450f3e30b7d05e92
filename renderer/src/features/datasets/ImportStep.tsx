import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import type { GuideView } from '../../../../shared/guide.js';
import { invoke } from '../../api/client.js';
import { useJobs, useStartImport, useWorkspace } from '../../api/hooks.js';
import { formatCount } from '../../app/steps.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { resourceStatusType } from '../../components/resource-status.js';
import {
  ImportSchemas,
  importSchemaQueryKey,
  type UnsavedSchema,
} from '../schemas/ImportSchemas.js';
import { SetupPanel } from '../setup/SetupPanel.js';
import { IdText } from '../../components/IdText.js';

type DatasetType = 'interactions' | 'items' | 'users';

const DATASET_LABELS: Readonly<Record<DatasetType, string>> = {
  interactions: 'Interactions dataset',
  items: 'Items dataset',
  users: 'Users dataset',
};

interface PlanRow {
  readonly id: string;
  readonly resource: string;
  readonly arn: string | undefined;
}

/** What the import creates, in order, with the ARN of what already exists. */
function planRows(poc: GuideView, datasetTypes: readonly DatasetType[]): PlanRow[] {
  return [
    { id: 'dsg', resource: 'Dataset group', arn: poc.datasetGroupArn },
    ...datasetTypes.flatMap((type) => [
      { id: `schema-${type}`, resource: `Schema (${type})`, arn: poc.schemaArns[type] },
      { id: `dataset-${type}`, resource: `Dataset (${type})`, arn: poc.datasetArns[type] },
      { id: `job-${type}`, resource: `Import job (${type})`, arn: poc.importJobArns[type] },
    ]),
  ];
}

/**
 * Step 2: the environment setup (bucket, role: the import applies it first), the schema of each
 * chosen file (editable), what the import will create, "Start import" (a job: the button returns at once), then live status and
 * imported row counts per dataset, from GuideView.
 */
export function ImportStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const startImport = useStartImport(workspaceId);
  const targetKind = useWorkspace().data?.target.kind ?? 'sandbox';
  const jobs = useJobs(workspaceId);
  const job = latestJob(jobs.data, 'datasets.import');
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const datasetTypes: DatasetType[] = (['interactions', 'items', 'users'] as const).filter(
    (type) => type === 'interactions' || poc.files[type] !== undefined,
  );
  const hasFiles = poc.files.interactions !== undefined;
  const isImported = poc.importStatus.interactions === 'ACTIVE';
  const queryClient = useQueryClient();
  const [unsaved, setUnsaved] = useState<Partial<Record<DatasetType, UnsavedSchema>>>({});
  const onUnsaved = useCallback((type: DatasetType, next: UnsavedSchema | undefined) => {
    setUnsaved((previous) => {
      if (previous[type] === next) return previous;
      const { [type]: _dropped, ...rest } = previous;
      return next === undefined ? rest : { ...rest, [type]: next };
    });
  }, []);
  const unsavedTypes = datasetTypes.filter((type) => unsaved[type] !== undefined);
  const hasInvalidEdit = unsavedTypes.some((type) => unsaved[type]?.hasErrors === true);
  const [isAsking, setAsking] = useState(false);
  const [keepError, setKeepError] = useState<unknown>(undefined);
  /** Keeps every unsaved schema for the import (as Keep for the import does), then imports. */
  const keepAndImport = async () => {
    setKeepError(undefined);
    try {
      for (const type of unsavedTypes) {
        const answered = await invoke('schemas.setForImport', {
          workspaceId,
          datasetType: type,
          text: unsaved[type]?.text ?? null,
        });
        queryClient.setQueryData(
          importSchemaQueryKey(workspaceId, answered.datasetType, answered.path),
          answered,
        );
      }
    } catch (error) {
      setKeepError(error);
      return;
    }
    setAsking(false);
    startImport.mutate();
  };

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Creates the dataset group, a schema and a dataset per file, then runs one import job per dataset."
          actions={
            <Button
              variant="primary"
              disabled={!hasFiles || isRunning}
              loading={startImport.isPending}
              onClick={() => (unsavedTypes.length > 0 ? setAsking(true) : startImport.mutate())}
            >
              {isImported ? 'Import again' : 'Start import'}
            </Button>
          }
        >
          2. Import
        </Header>
      }
    >
      <SpaceBetween size="l">
        {!hasFiles ? (
          <Alert
            type="info"
            header="No data chosen yet"
            action={<Button onClick={() => goToStep('data')}>Go to Data</Button>}
          >
            Choose the interactions file (or the sample POC) in step 1 before importing.
          </Alert>
        ) : null}
        {startImport.isError ? (
          <ErrorAlert header="The import could not start" error={startImport.error} />
        ) : null}
        {job?.state === 'failed' ? (
          <ErrorAlert
            header="The import failed"
            error={new Error(job.error?.message ?? job.step)}
            testId="import-failure"
          />
        ) : null}
        <SetupPanel workspaceId={workspaceId} targetKind={targetKind} isCollapsible />
        <Container header={<Header variant="h2">Datasets</Header>}>
          <ColumnLayout columns={datasetTypes.length} variant="text-grid">
            {datasetTypes.map((type) => {
              const status = poc.importStatus[type];
              const rows = poc.importedRows[type];
              return (
                <SpaceBetween size="xs" key={type}>
                  <Box variant="awsui-key-label">{DATASET_LABELS[type]}</Box>
                  <Box>
                    Import job status:{' '}
                    <span data-testid={`import-status-${type}`} data-status={status ?? 'none'}>
                      <StatusIndicator type={resourceStatusType(status)}>
                        {status ?? (isRunning ? 'Waiting for its turn' : 'Not imported yet')}
                      </StatusIndicator>
                    </span>
                  </Box>
                  <Box variant="small">
                    {poc.importedFiles[type] === undefined
                      ? `File: ${poc.files[type] ?? 'none'}`
                      : `Imported file: ${poc.importedFiles[type]}`}
                  </Box>
                  {poc.importedFiles[type] !== undefined &&
                  poc.files[type] !== poc.importedFiles[type] ? (
                    <Box variant="small" color="text-status-warning">
                      Chosen now: {poc.files[type] ?? 'none'} (not imported yet)
                    </Box>
                  ) : null}
                  <Box>
                    Imported rows:{' '}
                    <strong data-testid={`imported-rows-${type}`}>
                      {rows === undefined ? '—' : formatCount(rows)}
                    </strong>
                  </Box>
                </SpaceBetween>
              );
            })}
          </ColumnLayout>
        </Container>
        <ImportSchemas
          workspaceId={workspaceId}
          files={poc.files}
          datasetArns={poc.datasetArns}
          onUnsaved={onUnsaved}
        />
        <Table
          header={
            <Header variant="h2" description="In creation order. Clean up deletes them in reverse.">
              What the import creates
            </Header>
          }
          ariaLabels={{ tableLabel: 'Resources the import creates' }}
          wrapLines
          items={planRows(poc, datasetTypes)}
          trackBy="id"
          columnDefinitions={[
            { id: 'resource', header: 'Resource', cell: (row) => row.resource, width: 220 },
            {
              id: 'state',
              header: 'State',
              cell: (row) =>
                row.arn === undefined ? (
                  <StatusIndicator type="pending">To be created</StatusIndicator>
                ) : (
                  <StatusIndicator type="success">Created</StatusIndicator>
                ),
              width: 160,
            },
            { id: 'arn', header: 'ARN', cell: (row) => <IdText>{row.arn ?? '—'}</IdText> },
          ]}
        />
        <div>
          <Button variant="primary" disabled={!isImported} onClick={() => goToStep('solutions')}>
            Continue to solutions
          </Button>
        </div>
      </SpaceBetween>
      {isAsking ? (
        <Modal
          visible
          data-testid="import-unsaved-schemas"
          header="Import with the schema edits?"
          onDismiss={() => setAsking(false)}
          footer={
            <Box float="right">
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" onClick={() => setAsking(false)}>
                  Cancel
                </Button>
                <Button
                  onClick={() => {
                    setAsking(false);
                    startImport.mutate();
                  }}
                >
                  Import without them
                </Button>
                <Button
                  variant="primary"
                  disabled={hasInvalidEdit}
                  onClick={() => void keepAndImport()}
                >
                  Keep them and import
                </Button>
              </SpaceBetween>
            </Box>
          }
        >
          <SpaceBetween size="s">
            <Box>
              {unsavedTypes.map((type) => `Schema (${type})`).join(', ')}{' '}
              {unsavedTypes.length === 1 ? 'has' : 'have'} changes not kept for the import. The
              import creates each dataset with the schema kept in the workspace, so without them it
              uses the schema shown before the edit.
            </Box>
            {hasInvalidEdit ? (
              <Box color="text-status-error">
                An edit breaks a schema rule (see its findings): fix it to keep it, or import
                without it.
              </Box>
            ) : null}
            {keepError === undefined ? null : (
              <ErrorAlert header="The schema edits were not kept" error={keepError} />
            )}
          </SpaceBetween>
        </Modal>
      ) : null}
    </ContentLayout>
  );
}
