import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import { SKELETON_RECIPES, type SkeletonRecipe } from '../../../../shared/personalize.js';
import type { GuideView } from '../../../../shared/guide.js';
import { useJobs, useStartTraining } from '../../api/hooks.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { evaluatedSolutions } from './metrics.js';
import { MetricsChart } from './MetricsChart.js';
import { MetricsTable } from './MetricsTable.js';
import { RecipeCards } from './RecipeCards.js';
import { FilesChangedAlert } from '../../components/FilesChangedAlert.js';

/**
 * Step 3: recipe cards, "Train" (a job), the status of each solution, then the metrics:
 * chart first, table below, the popularity baseline next to the personalized recipe.
 */
export function SolutionsStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const [selected, setSelected] = useState<SkeletonRecipe[]>([...SKELETON_RECIPES]);
  const train = useStartTraining(workspaceId);
  const jobs = useJobs(workspaceId);
  const job = latestJob(jobs.data, 'solutions.train');
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const isImported = poc.importStatus.interactions === 'ACTIVE';
  const evaluated = evaluatedSolutions(poc.solutions);

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Train a personalized recipe and the popularity baseline on the imported data, then compare their offline metrics."
          actions={
            <Button
              variant="primary"
              disabled={!isImported || isRunning || selected.length === 0}
              loading={train.isPending}
              onClick={() => train.mutate(selected)}
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
        {train.isError ? (
          <ErrorAlert header="Training could not start" error={train.error} />
        ) : null}
        {job?.state === 'failed' ? (
          <ErrorAlert
            header="Training failed"
            error={new Error(job.error?.message ?? job.step)}
            testId="train-failure"
          />
        ) : null}
        <RecipeCards
          solutions={poc.solutions}
          selected={selected}
          onSelectionChange={setSelected}
          isDisabled={isRunning}
        />
        {evaluated.length === 0 ? (
          <Container header={<Header variant="h2">Metrics</Header>}>
            <Box color="text-body-secondary" data-testid="metrics-empty">
              {isRunning
                ? 'Training is running: the metrics appear here when the solution versions are ACTIVE.'
                : 'No metrics yet. Select the recipes and choose Train.'}
            </Box>
          </Container>
        ) : (
          <>
            <Container
              header={
                <Header
                  variant="h2"
                  description="Offline metrics on the held-out interactions of each user."
                >
                  Comparison
                </Header>
              }
            >
              <MetricsChart solutions={evaluated} />
            </Container>
            <MetricsTable solutions={evaluated} />
          </>
        )}
        <div>
          <Button
            variant="primary"
            disabled={evaluated.length === 0 || isRunning}
            onClick={() => goToStep('campaign')}
          >
            Continue to campaign
          </Button>
        </div>
      </SpaceBetween>
    </ContentLayout>
  );
}
