import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../../components/StatusIndicator.js';
import { useState } from 'react';
import type { PreparedFile } from '../../../../../shared/ipc/data.js';
import { invoke } from '../../../api/client.js';
import { useSetFiles } from '../../../api/hooks.js';
import { goToStep } from '../../../app/use-hash-step.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { SchemaEditor } from '../../schemas/SchemaEditor.js';

/** Why `text` is not valid JSON (the parser's message, with its position), or undefined. */
export function schemaJsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (caught) {
    return `The schema is not valid JSON (${caught instanceof Error ? caught.message : String(caught)}): fix the JSON first.`;
  }
}

/** One exported file: its rows, findings and its schema, editable and saved beside it. */
function PreparedFileCard({
  workspaceId,
  file,
  onJsonProblem,
}: {
  workspaceId: string;
  file: PreparedFile;
  /** Told whether the edited schema is valid JSON (undefined) or why not. */
  onJsonProblem: (problem: string | undefined) => void;
}) {
  const [text, setTextState] = useState(file.schema);
  const jsonProblem = schemaJsonProblem(text);
  const setText = (next: string): void => {
    setTextState(next);
    onJsonProblem(schemaJsonProblem(next));
  };
  const [saved, setSaved] = useState(file.schema);
  const [error, setError] = useState<unknown>();
  const [isSaving, setSaving] = useState(false);
  const save = async (): Promise<void> => {
    setError(undefined);
    setSaving(true);
    try {
      await invoke('schemas.save', {
        workspaceId,
        csvPath: file.path,
        datasetType: file.datasetType,
        text,
      });
      setSaved(text);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Container
      data-testid={`prepared-${file.datasetType}`}
      header={
        <Header
          variant="h3"
          description={file.path}
          actions={
            <Button
              onClick={() => void save()}
              loading={isSaving}
              disabled={text === saved || jsonProblem !== undefined}
              data-testid={`save-schema-${file.datasetType}`}
            >
              Save schema
            </Button>
          }
        >
          {file.datasetType}: {file.rows.toLocaleString('en-US')} rows
        </Header>
      }
    >
      <SpaceBetween size="m">
        <StatusIndicator
          type={
            file.errors > 0 || jsonProblem !== undefined
              ? 'error'
              : file.warnings > 0
                ? 'warning'
                : 'success'
          }
        >
          {jsonProblem ??
            (file.errors > 0
              ? `${file.errors} blocking finding(s): ${file.findings.find((finding) => finding.level === 'error')?.message ?? ''}`
              : file.warnings > 0
                ? `${file.warnings} warning(s): ${file.findings
                    .filter((finding) => finding.level === 'warning')
                    .map((finding) => finding.message)
                    .join(' ')}`
                : 'Valid for import.')}
        </StatusIndicator>
        <Box variant="small" color="text-body-secondary">
          Schema saved as {file.schemaPath}
          {text === saved ? '' : ' — unsaved changes'}
        </Box>
        {error === undefined ? null : (
          <ErrorAlert header="The schema was not saved" error={error} />
        )}
        <SchemaEditor
          datasetType={file.datasetType}
          value={text}
          onChange={setText}
          workspaceId={workspaceId}
        />
      </SpaceBetween>
    </Container>
  );
}

/**
 * Why the exported files cannot replace the workspace's files, or undefined when they can: a file
 * with no rows, or one with blocking findings (its import would fail).
 */
export function filesBlockReason(files: readonly PreparedFile[]): string | undefined {
  const empty = files.find((file) => file.rows === 0);
  if (empty !== undefined) {
    return `${empty.datasetType}.csv has no rows: change the recipe and export again.`;
  }
  const failing = files.find((file) => file.errors > 0);
  if (failing !== undefined) {
    return `${failing.datasetType}.csv has ${failing.errors} blocking finding(s): change the recipe and export again.`;
  }
  return undefined;
}

/**
 * The guide's file slots an export fills: its interactions, items and users files (each only
 * when the recipe wrote it), for `guide.setFiles`.
 */
export function guideFiles(files: readonly Pick<PreparedFile, 'datasetType' | 'path'>[]): {
  interactions?: string;
  items?: string;
  users?: string;
} {
  const out: { interactions?: string; items?: string; users?: string } = {};
  for (const type of ['interactions', 'items', 'users'] as const) {
    const found = files.find((file) => file.datasetType === type)?.path;
    if (found !== undefined) out[type] = found;
  }
  return out;
}

/** The files an export wrote, their schemas, and "Use these files" for the guide. */
export function PreparedFiles({
  workspaceId,
  outDir,
  files,
}: {
  workspaceId: string;
  outDir: string;
  files: readonly PreparedFile[];
}) {
  const setFiles = useSetFiles(workspaceId);
  const chosen = guideFiles(files);
  const interactions = chosen.interactions;
  const [jsonProblems, setJsonProblems] = useState<Record<string, string | undefined>>(() =>
    Object.fromEntries(files.map((file) => [file.path, schemaJsonProblem(file.schema)])),
  );
  const jsonProblem = Object.values(jsonProblems).find((problem) => problem !== undefined);
  const blocked =
    filesBlockReason(files) ??
    jsonProblem ??
    (interactions === undefined
      ? 'This export wrote no interactions file, which every import needs: choose its files in the Data step, or add interactions.csv to the recipe and export again.'
      : undefined);
  return (
    <SpaceBetween size="m">
      <Alert
        type={blocked === undefined ? 'success' : 'warning'}
        header={
          blocked === undefined ? 'Importable files written' : 'Files written, not importable yet'
        }
        data-testid="prepare-exported"
      >
        {files.length === 1 ? '1 file and its schema' : `${files.length} files and their schemas`}{' '}
        in {outDir}. The customer's file was not modified.
      </Alert>
      {files.map((file) => (
        <PreparedFileCard
          key={file.path}
          workspaceId={workspaceId}
          file={file}
          onJsonProblem={(problem) =>
            setJsonProblems((current) => ({ ...current, [file.path]: problem }))
          }
        />
      ))}
      {setFiles.isError ? (
        <ErrorAlert header="The files could not be chosen" error={setFiles.error} />
      ) : null}
      <SpaceBetween direction="horizontal" size="xs">
        <Button
          variant="primary"
          disabled={blocked !== undefined}
          loading={setFiles.isPending}
          data-testid="prepare-use-files"
          onClick={() => setFiles.mutate(chosen, { onSuccess: () => goToStep('import') })}
        >
          Use these files and continue to import
        </Button>
        {blocked === undefined ? null : (
          <Box color="text-status-warning" data-testid="prepare-use-files-blocked">
            {blocked}
          </Box>
        )}
      </SpaceBetween>
    </SpaceBetween>
  );
}
