import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { guessDatasets } from '../../../../../shared/rules/column-mapping.js';
import type { PrepareDatasetType, SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import { isTerminalJobState } from '../../../../../shared/jobs.js';
import { invoke } from '../../../api/client.js';
import { useJobs } from '../../../api/hooks.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FileBrowserModal } from '../FileBrowserModal.js';
import { rememberFolder } from '../last-folder.js';
import { ExportJobProgress } from './ExportJobProgress.js';
import { SuggestedFilters } from './SuggestedFilters.js';
import { OutputEditor } from './OutputEditor.js';
import { PreparedFiles } from './PreparedFiles.js';
import { JoinsEditor, joinedSourceColumns } from './JoinsEditor.js';
import {
  formOfRecipe,
  outputDraft,
  recipeOf,
  type JoinDraft,
  type OutputDraft,
} from './recipe-form.js';
import { SavedRecipes, savedRecipesKey } from './SavedRecipes.js';
import {
  keptPrepareDrafts,
  savePrepareDrafts,
  usePrepareDrafts,
  usePrepareDraftsSaveError,
  withFileDraft,
  type PrepareDraft,
  type WorkspacePrepareDrafts,
} from './prepare-draft.js';
import { SuggestMappingOfFile } from './SuggestMapping.js';
import { exportConflictOf, ReplaceFilesModal, type ExportConflict } from './ReplaceFilesModal.js';

const TYPES: readonly PrepareDatasetType[] = ['interactions', 'items', 'users'];

/** The form's outputs for a fresh file that feeds `datasets` (the others off). */
export function outputsFeeding(datasets: readonly PrepareDatasetType[]): OutputDraft[] {
  return TYPES.map((type) => ({ ...outputDraft(type), isEnabled: datasets.includes(type) }));
}

function baseName(filePath: string): string {
  return (filePath.split(/[\\/]/u).pop() ?? 'recipe').replace(/\.(csv|tsv|txt)(\.gz)?$/iu, '');
}

/**
 * Why "Export importable files" cannot run yet, or undefined when it can: an enabled output whose
 * columns map no source column (only constants: every row would be the same, or empty), or a
 * preview of the current recipe that leaves no rows (`preview.rows` of its last step).
 */
export function exportBlockReason(
  outputs: readonly OutputDraft[],
  preview: { datasetType: PrepareDatasetType; rows: number | undefined } | undefined,
): string | undefined {
  const unmapped = outputs.find(
    (output) => output.isEnabled && !output.columns.some((column) => column.from !== ''),
  );
  if (unmapped !== undefined) {
    return `No column of ${unmapped.datasetType}.csv reads a source column: choose a source column for its columns (USER_ID, ITEM_ID, …) first.`;
  }
  if (preview?.rows === 0) {
    return `The preview of ${preview.datasetType}.csv leaves no rows: check the column mapping, conversions and filters.`;
  }
  return undefined;
}

const header = (
  <Header
    variant="h2"
    description="Turn a raw export into importable files: map and rename columns, convert dates to epoch seconds, drop rows with blank ids, dedupe, filter. The steps form a recipe, saved in the workspace and shown as the DuckDB SQL it runs."
  >
    Fix into new files
  </Header>
);

/**
 * "Fix into new files": builds a recipe on a raw customer export — column mapping, conversions,
 * filters, blank ids, duplicates — shows the DuckDB SQL it runs with the rows left after each
 * step and the first rows, then "Export importable files" writes the files and their schemas
 * (the customer's file is never modified) and offers them to the guide. The unsaved form of
 * the workspace is read from the core first (prepare-draft.ts), so a restart loses nothing.
 */
export function PrepareSection({
  workspaceId,
  request,
}: {
  workspaceId: string;
  /** A file to read into the form, from a Data step file's "Fix into new files" button. */
  request?: PrepareRequest | undefined;
}) {
  const { drafts, error } = usePrepareDrafts(workspaceId);
  if (drafts === undefined) {
    return (
      <Container data-testid="prepare-section" header={header}>
        <StatusIndicator type="loading">
          Reading the unsaved form of this workspace…
        </StatusIndicator>
      </Container>
    );
  }
  return (
    <PrepareForm
      key={workspaceId}
      workspaceId={workspaceId}
      drafts={drafts}
      loadError={error}
      request={request}
    />
  );
}

/** A file handed to Fix into new files: `key` changes with each click, so the same file can come again. */
export interface PrepareRequest {
  readonly path: string;
  readonly key: number;
}

/** The form itself, started from the workspace's drafts as they were when it opened. */
function PrepareForm({
  workspaceId,
  drafts,
  loadError,
  request,
}: {
  workspaceId: string;
  drafts: WorkspacePrepareDrafts;
  loadError: unknown;
  request: PrepareRequest | undefined;
}) {
  // The unsaved form of this workspace as it was when the form opened (prepare-draft.ts).
  const [stored] = useState(drafts);
  const saveError = usePrepareDraftsSaveError(workspaceId);
  const restored: PrepareDraft | undefined =
    stored.readPath === undefined ? undefined : stored.files[stored.readPath];
  const [sourcePath, setSourcePath] = useState(stored.sourcePath);
  const [isBrowserOpen, setBrowserOpen] = useState(false);
  const [name, setName] = useState(restored?.name ?? '');
  const [outDir, setOutDir] = useState(restored?.outDir ?? '');
  const [outputs, setOutputs] = useState<OutputDraft[]>(() =>
    restored === undefined ? TYPES.map(outputDraft) : [...restored.outputs],
  );
  const [tab, setTab] = useState<PrepareDatasetType>(restored?.tab ?? 'interactions');
  const [joins, setJoins] = useState<JoinDraft[]>(() => [...(restored?.joins ?? [])]);
  // The source's encoding as an encoding fix set it (undefined: the detected one).
  const [encoding, setEncoding] = useState<SourceEncoding | undefined>(restored?.encoding);
  // A file read afresh whose datasets are guessed from its columns once they are read.
  const guessFor = useRef<string>(undefined);
  // The outputs whose mapping is still to be suggested on a file just read.
  const [autoSuggest, setAutoSuggest] = useState<readonly PrepareDatasetType[]>([]);
  const columns = useMutation({
    mutationFn: (filePath: string) => invoke('data.prepareColumns', { path: filePath }),
    onSuccess: (data, filePath) => {
      if (guessFor.current !== filePath) return;
      guessFor.current = undefined;
      const datasets = guessDatasets(data.columns);
      setOutputs(outputsFeeding(datasets));
      setTab(datasets[0] ?? 'interactions');
      // A file read afresh gets the suggested mapping at once (each output as it is shown).
      setAutoSuggest(data.columns.length === 0 ? [] : datasets);
    },
  });
  const readPath = columns.variables ?? stored.readPath;
  // Reads the restored file's columns again (the form itself comes from the draft).
  useEffect(() => {
    if (stored.readPath !== undefined) columns.mutate(stored.readPath);
    // Once, on mount: later readings go through readColumns.
  }, []);
  // Every change of the form is kept as the draft of the file read (saved to the core shortly after).
  useEffect(() => {
    const current = keptPrepareDrafts(workspaceId);
    savePrepareDrafts(workspaceId, {
      sourcePath,
      readPath,
      files:
        readPath === undefined
          ? current.files
          : withFileDraft(current, readPath, { name, outDir, outputs, joins, encoding, tab }),
    });
  }, [workspaceId, sourcePath, readPath, name, outDir, outputs, joins, encoding, tab]);
  const recipe = () =>
    recipeOf(name === '' ? baseName(sourcePath) : name, sourcePath, outputs, joins, encoding);
  const enabledIndex = outputs
    .filter((output) => output.isEnabled)
    .findIndex((output) => output.datasetType === tab);
  // The recipe and output the shown preview ran (a preview of an older recipe says nothing).
  const [previewedKey, setPreviewedKey] = useState<string>();
  const previewKey = (): string => JSON.stringify({ recipe: recipe(), tab });
  const preview = useMutation({
    mutationFn: () => {
      setPreviewedKey(previewKey());
      return invoke('data.preparePreview', {
        path: sourcePath,
        recipe: recipe(),
        outputIndex: Math.max(0, enabledIndex),
        limit: 10,
      });
    },
  });
  const queryClient = useQueryClient();
  const jobs = useJobs(workspaceId);
  // An export refused because its folder holds an earlier export's files: asked in a modal.
  const [conflict, setConflict] = useState<ExportConflict>();
  const exported = useMutation({
    mutationFn: (options: { outDir?: string; replace?: boolean }) => {
      const folder = options.outDir ?? outDir.trim();
      return invoke('data.prepareExport', {
        workspaceId,
        path: sourcePath,
        recipe: recipe(),
        ...(folder === '' ? {} : { outDir: folder }),
        ...(options.replace === true ? { replace: true } : {}),
      });
    },
    onError: (error) => setConflict(exportConflictOf(error)),
    // The export saved the recipe: list it among the saved ones. The file browser opens at the
    // exported files next, to choose them.
    onSuccess: (data) => {
      rememberFolder(data.outDir);
      return queryClient.invalidateQueries({ queryKey: savedRecipesKey(workspaceId) });
    },
    onSettled: () => {
      isExporting.current = false;
    },
  });
  // Set at the click itself: a double click's second click comes before `isPending` is drawn.
  const isExporting = useRef(false);
  const startExport = (options: { outDir?: string; replace?: boolean } = {}): void => {
    if (isExporting.current) return;
    isExporting.current = true;
    setConflict(undefined);
    exported.mutate(options);
  };
  const fileColumns = columns.data?.columns.map((column) => column.name) ?? [];
  // The outputs also read the columns joined from metadata files.
  const sourceColumns = joinedSourceColumns(fileColumns, joins);
  const readColumns = (filePath: string): void => {
    setSourcePath(filePath);
    if (filePath !== readPath) {
      // Another file: the mapping, fixes, preview and written files were for the one read before
      // (reading the same file again keeps them); that file's own draft comes back, if any.
      const draft = keptPrepareDrafts(workspaceId).files[filePath];
      if (draft === undefined) {
        if (readPath !== undefined || name === '') setName(baseName(filePath));
        setEncoding(undefined);
        setOutputs(TYPES.map(outputDraft));
        setJoins([]);
        setTab('interactions');
        guessFor.current = filePath;
      } else {
        setName(draft.name);
        setOutDir(draft.outDir);
        setEncoding(draft.encoding);
        setOutputs([...draft.outputs]);
        setJoins([...draft.joins]);
        setTab(draft.tab);
        guessFor.current = undefined;
      }
      setPreviewedKey(undefined);
      preview.reset();
      exported.reset();
    }
    columns.mutate(filePath);
  };
  // A file handed over by its "Fix into new files" button: read at once, the form shown.
  const handledRequest = useRef<number>(undefined);
  useEffect(() => {
    if (request === undefined || handledRequest.current === request.key) return;
    handledRequest.current = request.key;
    readColumns(request.path);
    // jsdom (the unit tests) has no scrollIntoView.
    const section = document.querySelector('[data-testid="prepare-section"]') as {
      scrollIntoView?: (options: ScrollIntoViewOptions) => void;
    } | null;
    section?.scrollIntoView?.({ block: 'start' });
  }, [request]);
  const current = outputs.find((output) => output.datasetType === tab) ?? outputDraft(tab);
  const stages = preview.data?.stages ?? [];
  const exportBlock = exportBlockReason(
    outputs,
    preview.data !== undefined && previewedKey === previewKey()
      ? { datasetType: tab, rows: stages.at(-1)?.rows }
      : undefined,
  );

  return (
    <Container data-testid="prepare-section" header={header}>
      <SpaceBetween size="l">
        {loadError === undefined ? null : (
          <ErrorAlert
            header="The unsaved form of this workspace could not be read: changes stay in this window"
            error={loadError}
            testId="prepare-drafts-load-error"
          />
        )}
        {saveError === undefined ? null : (
          <ErrorAlert
            header="The unsaved form could not be saved: it is kept in this window only"
            error={saveError}
            testId="prepare-drafts-save-error"
          />
        )}
        {/* The raw file on a line of its own: in a narrow window its buttons stay beside it. */}
        <FormField label="Raw file" description="Read only: the studio writes new files." stretch>
          <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Input
                value={sourcePath}
                ariaLabel="Raw file path"
                placeholder="/path/to/export.csv.gz"
                onChange={({ detail }) => setSourcePath(detail.value)}
                onKeyDown={({ detail }) => {
                  if (detail.key === 'Enter') readColumns(sourcePath);
                }}
              />
            </div>
            <Button onClick={() => setBrowserOpen(true)} ariaLabel="Browse for the raw file">
              Browse
            </Button>
            <Button
              onClick={() => readColumns(sourcePath)}
              loading={columns.isPending}
              disabled={sourcePath === ''}
            >
              Read columns
            </Button>
          </div>
        </FormField>
        <ColumnLayout columns={2}>
          <FormField label="Recipe name">
            <Input
              value={name}
              ariaLabel="Recipe name"
              onChange={({ detail }) => setName(detail.value)}
            />
          </FormField>
          <FormField
            label="Output folder"
            description="Default: POC Studio exports in your home folder."
          >
            <Input
              value={outDir}
              ariaLabel="Output folder"
              placeholder="~/POC Studio exports/…"
              onChange={({ detail }) => setOutDir(detail.value)}
            />
          </FormField>
        </ColumnLayout>
        <SavedRecipes
          workspaceId={workspaceId}
          onLoad={(saved) => {
            const form = formOfRecipe(saved);
            setName(form.name);
            setOutputs(form.outputs);
            setJoins(form.joins);
            setEncoding(form.encoding);
            if (form.source !== '') {
              setSourcePath(form.source);
              columns.mutate(form.source);
            }
          }}
        />
        {columns.isError ? (
          <ErrorAlert header="The file could not be read" error={columns.error} />
        ) : null}
        {columns.data === undefined ? (
          <Box color="text-body-secondary">
            Choose the raw file and read its columns to build the recipe.
          </Box>
        ) : (
          <SpaceBetween size="l">
            {(columns.data.checks ?? []).map((check) => (
              // An empty or header-only file, said before any mapping.
              <Alert
                key={check.code ?? check.message}
                type={check.level}
                data-testid="prepare-file-check"
              >
                {check.message}
              </Alert>
            ))}
            <Box data-testid="prepare-source-columns">
              {fileColumns.length} columns ({columns.data.encoding}
              {encoding === undefined ? '' : `, read as ${encoding}, written as UTF-8`}, separator “
              {columns.data.delimiter}”): {fileColumns.join(', ')}
            </Box>
            <div role="group" aria-label="This file feeds">
              <SpaceBetween size="xxs">
                <Box variant="awsui-key-label">This file feeds</Box>
                <Box variant="small" color="text-body-secondary">
                  The datasets the raw file holds: a catalogue export feeds items (or users) only;
                  an order export can feed interactions and items. Each one writes its file and
                  schema, and is checked with that dataset&apos;s rules.
                </Box>
                <SpaceBetween direction="horizontal" size="l" data-testid="prepare-datasets">
                  {outputs.map((output) => {
                    const enabledCount = outputs.filter((item) => item.isEnabled).length;
                    const isLast = output.isEnabled && enabledCount === 1;
                    return (
                      <Checkbox
                        key={output.datasetType}
                        checked={output.isEnabled}
                        // The last one stays: an export writes at least one file.
                        disabled={isLast}
                        onChange={({ detail }) => {
                          const next = outputs.map((item) =>
                            item === output ? { ...item, isEnabled: detail.checked } : item,
                          );
                          setOutputs(next);
                          if (detail.checked) setTab(output.datasetType);
                          else if (tab === output.datasetType)
                            setTab(
                              next.find((item) => item.isEnabled)?.datasetType ?? 'interactions',
                            );
                        }}
                      >
                        {output.datasetType} (writes {output.datasetType}.csv)
                      </Checkbox>
                    );
                  })}
                </SpaceBetween>
              </SpaceBetween>
            </div>
            <JoinsEditor joins={joins} sourceColumns={fileColumns} onChange={setJoins} />
            <Tabs
              activeTabId={tab}
              onChange={({ detail }) => setTab(detail.activeTabId as PrepareDatasetType)}
              tabs={outputs
                .filter((output) => output.isEnabled)
                .map((output) => ({
                  id: output.datasetType,
                  label: `${output.datasetType}.csv`,
                  content: (
                    <SpaceBetween size="m">
                      {output.isEnabled ? (
                        <SuggestMappingOfFile
                          sourcePath={sourcePath}
                          output={output}
                          sourceColumns={columns.data?.columns ?? []}
                          autoApply={autoSuggest.includes(output.datasetType)}
                          onAutoApplied={() =>
                            setAutoSuggest((pending) =>
                              pending.filter((type) => type !== output.datasetType),
                            )
                          }
                          onChange={(next) =>
                            setOutputs(outputs.map((item) => (item === output ? next : item)))
                          }
                        />
                      ) : null}
                      {output.isEnabled ? (
                        <SuggestedFilters
                          sourcePath={sourcePath}
                          sourceColumns={fileColumns}
                          output={output}
                          encoding={encoding}
                          onEncodingChange={setEncoding}
                          onChange={(next) =>
                            setOutputs(outputs.map((item) => (item === output ? next : item)))
                          }
                        />
                      ) : null}
                      {output.isEnabled ? (
                        <OutputEditor
                          output={output}
                          sourceColumns={sourceColumns}
                          onChange={(next) =>
                            setOutputs(outputs.map((item) => (item === output ? next : item)))
                          }
                        />
                      ) : null}
                    </SpaceBetween>
                  ),
                }))}
            />
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                onClick={() => preview.mutate()}
                loading={preview.isPending}
                disabled={!current.isEnabled}
              >
                Preview {tab}
              </Button>
              <Button
                variant="primary"
                onClick={() => startExport()}
                loading={exported.isPending}
                disabled={exportBlock !== undefined}
                data-testid="prepare-export"
              >
                Export importable files
              </Button>
              {exportBlock === undefined ? null : (
                <Box color="text-status-warning" data-testid="prepare-export-blocked">
                  {exportBlock}
                </Box>
              )}
            </SpaceBetween>
            {exported.isPending ? (
              <ExportJobProgress
                job={jobs.data?.find(
                  (job) => job.kind === 'data.export' && !isTerminalJobState(job.state),
                )}
              />
            ) : null}
            {preview.isError ? (
              <ErrorAlert header="The recipe could not run" error={preview.error} />
            ) : null}
            {preview.data === undefined ? null : (
              <SpaceBetween size="m">
                <Table
                  variant="embedded"
                  data-testid="prepare-stages"
                  header={<strong>Rows after each step</strong>}
                  items={stages.map((stage, index) => ({ ...stage, index }))}
                  trackBy={(stage) => String(stage.index)}
                  columnDefinitions={[
                    { id: 'label', header: 'Step', cell: (stage) => stage.label },
                    {
                      id: 'rows',
                      header: 'Rows',
                      cell: (stage) => stage.rows.toLocaleString('en-US'),
                    },
                    {
                      id: 'change',
                      header: 'Change',
                      cell: (stage) => {
                        const before = stages[stage.index - 1]?.rows;
                        if (before === undefined || before === stage.rows) return '';
                        const change = stage.rows - before;
                        return `${change > 0 ? '+' : '−'}${Math.abs(change).toLocaleString('en-US')}`;
                      },
                    },
                  ]}
                />
                <Table
                  variant="embedded"
                  data-testid="prepare-preview-rows"
                  header={<strong>First rows of {tab}.csv</strong>}
                  items={preview.data.rows}
                  columnDefinitions={preview.data.columns.map((column) => ({
                    id: column,
                    header: column,
                    cell: (row: Record<string, string | null>) => row[column] ?? '',
                  }))}
                />
                <ExpandableSection headerText="DuckDB SQL of this output" defaultExpanded>
                  <Box variant="code" data-testid="prepare-sql">
                    <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{preview.data.sql}</pre>
                  </Box>
                </ExpandableSection>
              </SpaceBetween>
            )}
            {exported.isError && exportConflictOf(exported.error) === undefined ? (
              <ErrorAlert header="The export failed" error={exported.error} />
            ) : null}
            {exported.data === undefined ? null : (
              <PreparedFiles
                workspaceId={workspaceId}
                outDir={exported.data.outDir}
                files={exported.data.files}
              />
            )}
          </SpaceBetween>
        )}
      </SpaceBetween>
      {conflict === undefined ? null : (
        <ReplaceFilesModal
          conflict={conflict}
          onDismiss={() => {
            setConflict(undefined);
            exported.reset();
          }}
          onReplace={() => startExport({ outDir: conflict.outDir, replace: true })}
          onNewFolder={() => {
            // The form shows the folder the files go to.
            setOutDir(conflict.suggestedOutDir);
            startExport({ outDir: conflict.suggestedOutDir });
          }}
        />
      )}
      {isBrowserOpen ? (
        <FileBrowserModal
          title="Choose the raw file"
          onDismiss={() => setBrowserOpen(false)}
          onChoose={(chosen) => {
            setBrowserOpen(false);
            readColumns(chosen);
          }}
        />
      ) : null}
    </Container>
  );
}
