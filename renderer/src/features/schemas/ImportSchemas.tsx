import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ImportSchema } from '../../../../shared/ipc/schemas.js';
import { lintSchema } from '../../../../shared/rules/schema-rules.js';
import { invoke } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SchemaEditor } from './SchemaEditor.js';

type DatasetType = ImportSchema['datasetType'];

/** A schema edited on the Import step but not kept yet: its text, and whether it breaks a rule. */
export interface UnsavedSchema {
  readonly text: string;
  readonly hasErrors: boolean;
}

/** Told each time a dataset type's schema gains or loses unsaved changes (undefined: none). */
export type OnUnsavedSchema = (
  datasetType: DatasetType,
  unsaved: UnsavedSchema | undefined,
) => void;

/** Query key of the schema the import will use for the chosen file of a dataset type. */
export function importSchemaQueryKey(
  workspaceId: string,
  datasetType: DatasetType,
  filePath: string,
): readonly unknown[] {
  return ['schemas', 'forImport', workspaceId, datasetType, filePath];
}

const SOURCE_TEXT: Readonly<Record<ImportSchema['source'], string>> = {
  edited: 'Edited here',
  beside: 'Saved beside the file',
  inferred: 'Inferred from the file',
};

/** The editor of one dataset type's schema, from what `schemas.forImport` answered. */
function ImportSchemaCard({
  workspaceId,
  current,
  isLocked,
  onUnsaved,
}: {
  workspaceId: string;
  current: ImportSchema;
  isLocked: boolean;
  onUnsaved: OnUnsavedSchema | undefined;
}) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(current.schema);
  const keep = useMutation({
    mutationFn: (next: string | null) =>
      invoke('schemas.setForImport', {
        workspaceId,
        datasetType: current.datasetType,
        text: next,
      }),
    onSuccess: (answered) => {
      queryClient.setQueryData(
        importSchemaQueryKey(workspaceId, answered.datasetType, answered.path),
        answered,
      );
      setText(answered.schema);
    },
  });
  const hasErrors = lintSchema(text, current.datasetType).findings.some(
    (finding) => finding.severity === 'error',
  );
  const isChanged = text !== current.schema;
  const type = current.datasetType;
  // The Import step asks before an import would leave these changes behind.
  useEffect(() => {
    onUnsaved?.(type, isChanged && !isLocked ? { text, hasErrors } : undefined);
  }, [onUnsaved, type, isChanged, isLocked, text, hasErrors]);
  useEffect(() => () => onUnsaved?.(type, undefined), [onUnsaved, type]);
  return (
    <Container
      data-testid={`import-schema-${type}`}
      header={
        <Header
          variant="h3"
          description={current.path}
          info={
            <Badge color={current.source === 'edited' ? 'blue' : 'grey'}>
              <span data-testid={`import-schema-source-${type}`} data-source={current.source}>
                {SOURCE_TEXT[current.source]}
              </span>
            </Badge>
          }
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                disabled={isLocked || (current.source !== 'edited' && !isChanged)}
                loading={keep.isPending && keep.variables === null}
                onClick={() => (isChanged ? setText(current.schema) : keep.mutate(null))}
              >
                {isChanged ? 'Discard changes' : 'Drop the edit'}
              </Button>
              <Button
                variant="primary"
                disabled={isLocked || !isChanged || hasErrors}
                loading={keep.isPending && keep.variables !== null}
                onClick={() => keep.mutate(text)}
                data-testid={`keep-import-schema-${type}`}
              >
                Keep for the import
              </Button>
            </SpaceBetween>
          }
        >
          Schema ({type})
        </Header>
      }
    >
      <SpaceBetween size="m">
        {isLocked ? (
          <Box color="text-body-secondary" data-testid={`import-schema-locked-${type}`}>
            Read-only: the {type} dataset exists in the dataset group and keeps the schema it was
            created with, because Amazon Personalize cannot edit a dataset&apos;s schema in place.
            To import with another schema, create a new schema and replace the dataset&apos;s with
            UpdateDataset (the new schema keeps every field and its type, and may add nullable
            fields), or clean up the dataset group and import into a new one.
          </Box>
        ) : (
          <Box variant="small" color="text-body-secondary">
            The import creates the {type} schema from this. Edits are kept in the workspace; the
            customer&apos;s file is not modified.
            {isChanged ? ' — unsaved changes' : ''}
          </Box>
        )}
        {keep.isError ? <ErrorAlert header="The schema was not kept" error={keep.error} /> : null}
        <SchemaEditor
          datasetType={type}
          value={text}
          onChange={setText}
          workspaceId={workspaceId}
          isReadOnly={isLocked}
        />
      </SpaceBetween>
    </Container>
  );
}

/** One dataset type's schema: loading, error, or its editor. */
function ImportSchemaSlot({
  workspaceId,
  datasetType,
  filePath,
  isLocked,
  onUnsaved,
}: {
  workspaceId: string;
  datasetType: DatasetType;
  filePath: string;
  isLocked: boolean;
  onUnsaved: OnUnsavedSchema | undefined;
}) {
  const current = useQuery({
    queryKey: importSchemaQueryKey(workspaceId, datasetType, filePath),
    queryFn: () => invoke('schemas.forImport', { workspaceId, datasetType }),
  });
  if (current.isError)
    return (
      <ErrorAlert
        header={`The ${datasetType} schema could not be read`}
        error={current.error}
        testId={`import-schema-error-${datasetType}`}
      />
    );
  if (current.data === undefined)
    return (
      <Box>
        <Spinner /> Reading the {datasetType} file to infer its schema…
      </Box>
    );
  return (
    <ImportSchemaCard
      key={`${current.data.path}:${current.data.source}:${current.data.schema}`}
      workspaceId={workspaceId}
      current={current.data}
      isLocked={isLocked}
      onUnsaved={onUnsaved}
    />
  );
}

/**
 * Step 2's schemas: for each chosen file, the schema the import will create its dataset with
 * (edited here, saved beside the file, or inferred), editable as a form and as JSON with the
 * linter, compared with the account's schemas; "Keep for the import" stores it in the workspace.
 * A dataset that exists already shows its schema read-only, with what to do to change it.
 * `onUnsaved` hears of edits not kept yet (the Import step asks before importing without them).
 */
export function ImportSchemas({
  workspaceId,
  files,
  datasetArns,
  onUnsaved,
}: {
  workspaceId: string;
  /** The chosen files per dataset type. */
  files: Partial<Record<DatasetType, string>>;
  /** The datasets that exist already (their schema is fixed). */
  datasetArns: Partial<Record<DatasetType, string>>;
  onUnsaved?: OnUnsavedSchema;
}) {
  const chosen = (['interactions', 'items', 'users'] as const).filter(
    (type) => files[type] !== undefined,
  );
  if (chosen.length === 0) return null;
  return (
    <ExpandableSection
      variant="container"
      headerText="Schemas"
      headerDescription="What each dataset is created with. Review the field types, categorical and nullable flags before importing."
      defaultExpanded
      data-testid="import-schemas"
    >
      <SpaceBetween size="l">
        {chosen.map((type) => (
          <ImportSchemaSlot
            key={type}
            workspaceId={workspaceId}
            datasetType={type}
            filePath={files[type] ?? ''}
            isLocked={datasetArns[type] !== undefined}
            onUnsaved={onUnsaved}
          />
        ))}
      </SpaceBetween>
    </ExpandableSection>
  );
}
