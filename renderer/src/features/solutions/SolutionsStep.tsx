import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { GuideView } from '../../../../shared/guide.js';
import { isTerminalJobState, type Job } from '../../../../shared/jobs.js';
import { SKELETON_RECIPES } from '../../../../shared/personalize.js';
import { type StudioRecipe } from '../../../../shared/rules/recipes.js';
import { errorMessage } from '../../api/client.js';
import { useJobs, useWorkspace } from '../../api/hooks.js';
import { formatElapsed } from '../../app/steps.js';
import { goToStep } from '../../app/use-hash-step.js';
import { useNow } from '../../app/use-now.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FilesChangedAlert } from '../../components/FilesChangedAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { HyperParameterForm } from './HyperParameterForm.js';
import { dashboardRows } from './metrics.js';
import { MetricsDashboard } from './MetricsDashboard.js';
import { RecipeCards } from './RecipeCards.js';
import { SolutionsTable } from './SolutionsTable.js';
import {
  solutionsStamp,
  useDataFit,
  useEvaluateSplits,
  useSolutionsOverview,
  useTrain,
} from './solutions-hooks.js';

/** Percentage done of a job, 0..100. */
function percent(job: Job): number {
  if (job.progress.total <= 0) return 0;
  return Math.min(100, Math.round((job.progress.done / job.progress.total) * 100));
}

/** The running training or evaluation job as a progress bar with its step and elapsed time. */
function JobProgress({ job }: { job: Job }) {
  const now = useNow(true);
  return (
    <div data-testid="solutions-job" data-kind={job.kind} data-step={job.step}>
      <ProgressBar
        label={job.kind === 'solutions.train' ? 'Training' : 'Evaluation (intervals, k splits)'}
        value={percent(job)}
        description={job.pausedReason ?? job.step}
        additionalInfo={`Elapsed ${formatElapsed(now - job.createdAtMs)}`}
      />
    </div>
  );
}

/**
 * Step 3: recipe cards (what each is for, what it needs, whether this data fits), "Train" for
 * the selected ones, "Configure…" for a new solution with its hyperparameters, the table of
 * solutions and versions with their phase and elapsed time, then the metrics dashboard.
 */
export function SolutionsStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const [selected, setSelected] = useState<StudioRecipe[]>([...SKELETON_RECIPES]);
  const [configuring, setConfiguring] = useState<StudioRecipe>();
  const train = useTrain(workspaceId);
  const evaluate = useEvaluateSplits(workspaceId);
  const jobs = useJobs(workspaceId);
  const workspace = useWorkspace();
  const trainJob = latestJob(jobs.data, 'solutions.train');
  const evaluateJob = latestJob(jobs.data, 'solutions.evaluate');
  const running = [trainJob, evaluateJob].filter(
    (job): job is Job => job !== undefined && !isTerminalJobState(job.state),
  );
  const isTraining = trainJob !== undefined && !isTerminalJobState(trainJob.state);
  const isBusy = running.length > 0;
  const isImported = poc.importStatus.interactions === 'ACTIVE';
  const overview = useSolutionsOverview(workspaceId, solutionsStamp(poc, jobs.data));
  const fit = useDataFit(workspaceId, isImported ? poc.importJobArns.interactions : undefined);
  const rows = dashboardRows(overview.data, poc.solutions);
  const prefix = workspace.data?.prefix ?? 'poc';
  const takenNames = (overview.data?.solutions ?? []).map((solution) => solution.name);
  const defaultNameOf = (recipe: string): string => {
    const base = `${prefix}-${recipe.replace(/^aws-/u, '')}`;
    let name = base;
    for (let n = 2; takenNames.includes(name); n++) name = `${base}-${n}`;
    return name;
  };

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Train personalized recipes and the popularity baseline on the imported data, then compare their offline metrics with their uncertainty."
          actions={
            <Button
              variant="primary"
              disabled={!isImported || isTraining || selected.length === 0}
              loading={train.isPending}
              onClick={() => train.mutate({ recipes: selected })}
            >
              Train
            </Button>
          }
        >
          3. Solutions
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FilesChangedAlert view={poc} />
        {!isImported ? (
          <Alert
            type="info"
            header="Import the data first"
            action={<Button onClick={() => goToStep('import')}>Go to Import</Button>}
          >
            Training needs the interactions dataset to be ACTIVE.
          </Alert>
        ) : null}
        {train.isError && configuring === undefined ? (
          <ErrorAlert header="Training could not start" error={train.error} />
        ) : null}
        {trainJob?.state === 'failed' ? (
          <ErrorAlert
            header="Training failed"
            error={new Error(trainJob.error?.message ?? trainJob.step)}
            testId="train-failure"
          />
        ) : null}
        {evaluateJob?.state === 'failed' ? (
          <ErrorAlert
            header="The evaluation on k splits failed"
            error={new Error(evaluateJob.error?.message ?? evaluateJob.step)}
          />
        ) : null}
        {running.map((job) => (
          <JobProgress key={job.id} job={job} />
        ))}
        {fit.isError ? (
          <ErrorAlert header="Could not read the imported data's counts" error={fit.error} />
        ) : null}
        <RecipeCards
          solutions={poc.solutions}
          fits={fit.data?.fits}
          selected={selected}
          onSelectionChange={setSelected}
          onConfigure={(recipe) => {
            train.reset();
            setConfiguring(recipe);
          }}
          isDisabled={isTraining || !isImported}
        />
        <SolutionsTable
          overview={overview.data}
          isBusy={isTraining}
          onNewVersion={(solution) =>
            train.mutate({
              runs: [
                {
                  recipe: solution.recipe as StudioRecipe,
                  solutionArn: solution.solutionArn,
                  hyperParameters: {},
                },
              ],
            })
          }
        />
        {rows.length === 0 ? (
          <Container header={<Header variant="h2">Metrics dashboard</Header>}>
            <Box color="text-body-secondary" data-testid="metrics-empty">
              {isTraining
                ? 'Training is running: the metrics appear here when the solution versions are ACTIVE.'
                : 'No metrics yet. Select the recipes and choose Train.'}
            </Box>
          </Container>
        ) : (
          <MetricsDashboard
            rows={rows}
            targetKind={overview.data?.targetKind ?? 'sandbox'}
            prefix={prefix}
            isBusy={isBusy}
            isEvaluating={evaluate.isPending}
            evaluateError={evaluate.error}
            onEvaluateSplits={(splits) =>
              evaluate.mutate({
                solutionVersionArns: rows.map((row) => row.solutionVersionArn),
                splits,
              })
            }
          />
        )}
        <div>
          <Button
            variant="primary"
            disabled={rows.length === 0 || isTraining}
            onClick={() => goToStep('campaign')}
          >
            Continue to campaign
          </Button>
        </div>
      </SpaceBetween>
      {configuring === undefined ? null : (
        <HyperParameterForm
          recipe={configuring}
          defaultName={defaultNameOf(configuring)}
          takenNames={takenNames}
          isSandbox={workspace.data?.target.kind === 'sandbox'}
          isSubmitting={train.isPending}
          error={train.isError ? errorMessage(train.error) : undefined}
          onDismiss={() => setConfiguring(undefined)}
          onSubmit={(run) =>
            train.mutate({ runs: [run] }, { onSuccess: () => setConfiguring(undefined) })
          }
        />
      )}
    </ContentLayout>
  );
}
