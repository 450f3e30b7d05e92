import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../../components/StatusIndicator.js';
import Tabs from '@cloudscape-design/components/tabs';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { guessDatasets } from '../../../../../shared/rules/column-mapping.js';
import type { PrepareDatasetType, SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import { isTerminalJobState } from '../../../../../shared/jobs.js';
import { invoke } from '../../../api/client.js';
import { useJobs } from '../../../api/hooks.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FileBrowserModal } from '../FileBrowserModal.js';
import { ExportJobProgress } from './ExportJobProgress.js';
import { PreparedFiles } from './PreparedFiles.js';
import { JoinsEditor, joinedSourceColumns } from './JoinsEditor.js';
import {
  formOfRecipe,
  outputDraft,
  recipeOf,
  type JoinDraft,
  type OutputDraft,
} from './recipe-form.js';
import { SavedRecipes } from './SavedRecipes.js';
import {
  keptPrepareDrafts,
  savePrepareDrafts,
  usePrepareDrafts,
  usePrepareDraftsSaveError,
  withFileDraft,
  type PrepareDraft,
  type WorkspacePrepareDrafts,
} from './prepare-draft.js';
import { OutputTab } from './OutputTab.js';
import {
  DraftErrors,
  RecipeActions,
  RequestedFixNote,
  SourceFields,
  SourceSummary,
} from './SourceFields.js';
import {
  datasetsWithFix,
  withRequestedFix,
  type PrepareRequest,
  type RequestedFix,
} from './prepare-request.js';
import { useRecipeExport } from './use-recipe-export.js';
import { DatasetsFeed } from './DatasetsFeed.js';
import { PreviewResults } from './PreviewResults.js';
import { baseName, exportBlockReason, outputsFeeding, TYPES } from './prepare-outputs.js';
import { exportConflictOf, ReplaceFilesModal } from './ReplaceFilesModal.js';

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
  // A finding's fix handed over from the Data step: filled in once the file's outputs are set.
  const pendingFix = useRef<RequestedFix>(undefined);
  const [requested, setRequested] = useState<{ path: string; fix: RequestedFix }>();
  // The outputs whose mapping is still to be suggested on a file just read.
  const [autoSuggest, setAutoSuggest] = useState<readonly PrepareDatasetType[]>([]);
  const columns = useMutation({
    mutationFn: (filePath: string) => invoke('data.prepareColumns', { path: filePath }),
    onSuccess: (data, filePath) => {
      if (guessFor.current !== filePath) return;
      guessFor.current = undefined;
      // A finding's fix handed over with the file: its dataset fed, the fix filled in.
      const fix = pendingFix.current;
      pendingFix.current = undefined;
      const datasets = datasetsWithFix(guessDatasets(data.columns), fix);
      setOutputs(withRequestedFix(outputsFeeding(datasets), fix));
      if (fix?.fix.kind === 'encoding') setEncoding(fix.fix.encoding);
      setTab(fix?.datasetType ?? datasets[0] ?? 'interactions');
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
  const jobs = useJobs(workspaceId);
  const { exported, conflict, setConflict, startExport } = useRecipeExport(
    workspaceId,
    sourcePath,
    outDir,
    recipe,
  );
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
  // A file handed over by a "Fix into new files" button: read at once, a finding's fix filled in.
  const handledRequest = useRef<number>(undefined);
  useEffect(() => {
    if (request === undefined || handledRequest.current === request.key) return;
    handledRequest.current = request.key;
    readColumns(request.path);
    const fix = request.fix;
    setRequested(fix === undefined ? undefined : { path: request.path, fix });
    pendingFix.current = guessFor.current === request.path ? fix : undefined;
    if (fix !== undefined && guessFor.current !== request.path) {
      setOutputs((previous) => withRequestedFix(previous, fix));
      if (fix.fix.kind === 'encoding') setEncoding(fix.fix.encoding);
      setTab(fix.datasetType);
    }
    // jsdom (the unit tests) has no scrollIntoView.
    const section = document.querySelector('[data-testid="prepare-section"]') as {
      scrollIntoView?: (options: ScrollIntoViewOptions) => void;
    } | null;
    section?.scrollIntoView?.({ block: 'start' });
  }, [request]);
  const current = outputs.find((output) => output.datasetType === tab) ?? outputDraft(tab);
  const lastStageRows = preview.data?.stages.at(-1)?.rows;
  const exportBlock = exportBlockReason(
    outputs,
    preview.data !== undefined && previewedKey === previewKey()
      ? { datasetType: tab, rows: lastStageRows }
      : undefined,
    outDir,
  );

  return (
    <Container data-testid="prepare-section" header={header}>
      <SpaceBetween size="l">
        <DraftErrors loadError={loadError} saveError={saveError} />
        <SourceFields
          sourcePath={sourcePath}
          name={name}
          outDir={outDir}
          isReading={columns.isPending}
          onSourcePathChange={setSourcePath}
          onRead={readColumns}
          onBrowse={() => setBrowserOpen(true)}
          onNameChange={setName}
          onOutDirChange={setOutDir}
        />
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
            <SourceSummary read={columns.data} encoding={encoding} />
            {requested !== undefined && requested.path === readPath ? (
              <RequestedFixNote fix={requested.fix} />
            ) : null}
            <DatasetsFeed
              outputs={outputs}
              tab={tab}
              onChange={(next, nextTab) => {
                setOutputs(next);
                setTab(nextTab);
              }}
            />
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
                    <OutputTab
                      output={output}
                      sourcePath={sourcePath}
                      fileColumns={fileColumns}
                      sourceColumns={sourceColumns}
                      mappingColumns={columns.data?.columns ?? []}
                      encoding={encoding}
                      onEncodingChange={setEncoding}
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
                  ),
                }))}
            />
            <RecipeActions
              tab={tab}
              canPreview={current.isEnabled}
              isPreviewing={preview.isPending}
              isExporting={exported.isPending}
              exportBlock={exportBlock}
              onPreview={() => preview.mutate()}
              onExport={() => startExport()}
            />
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
              <PreviewResults tab={tab} preview={preview.data} />
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
