import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useState } from 'react';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import type { GuideView } from '../../../../shared/guide.js';
import { useJobs, useStartDeploy } from '../../api/hooks.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { resourceStatusType } from '../../components/resource-status.js';
import { FilesChangedAlert } from '../../components/FilesChangedAlert.js';

/** Parses the TPS field: a whole number ≥ 1, else undefined. */
export function parseTps(text: string): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

/**
 * Why Deploy is disabled, or undefined when it is not: a training job is running (its versions
 * are not ACTIVE yet), or the chosen solution's version is not ACTIVE.
 */
export function deployBlockedReason(
  isTraining: boolean,
  recipe: string | undefined,
  status: string | undefined,
): string | undefined {
  if (isTraining)
    return 'Training is running: wait for it to finish, then deploy the version you choose.';
  if (recipe === undefined) return 'No ACTIVE solution version to deploy yet.';
  if (status !== 'ACTIVE')
    return `The ${recipe} solution version is ${status ?? 'not trained'}: deploy it once it is ACTIVE.`;
  return undefined;
}

/**
 * Step 4: pick the solution version, set minProvisionedTPS (with a note on AWS billing)
 * and deploy the campaign (a job); its status comes from GuideView.
 */
export function CampaignStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const trained = poc.solutions.filter((solution) => solution.solutionVersionArn !== undefined);
  const deployable = trained.filter((solution) => solution.status === 'ACTIVE');
  const defaultRecipe =
    trained.find((solution) => solution.recipe === 'aws-user-personalization')?.recipe ??
    deployable[0]?.recipe;
  const [recipe, setRecipe] = useState<string | undefined>(undefined);
  const [tpsText, setTpsText] = useState('1');
  const deploy = useStartDeploy(workspaceId);
  const jobs = useJobs(workspaceId);
  const job = latestJob(jobs.data, 'campaigns.deploy');
  const trainJob = latestJob(jobs.data, 'solutions.train');
  const isTraining = trainJob !== undefined && !isTerminalJobState(trainJob.state);
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const chosen = recipe ?? defaultRecipe;
  const chosenStatus = trained.find((solution) => solution.recipe === chosen)?.status;
  const blockedReason = deployBlockedReason(isTraining, chosen, chosenStatus);
  const tps = parseTps(tpsText);
  const campaign = poc.campaign;
  const options = trained.map((solution) => ({
    value: solution.recipe,
    label: solution.recipe,
    description: solution.solutionVersionArn,
    ...(solution.status === 'ACTIVE' ? {} : { tags: [solution.status ?? 'not ACTIVE'] }),
  }));

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Deploy a solution version behind a campaign to get real-time recommendations."
        >
          4. Campaign
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FilesChangedAlert view={poc} />
        {deployable.length === 0 ? (
          <Alert
            type="info"
            header="No trained solution yet"
            action={<Button onClick={() => goToStep('solutions')}>Go to Solutions</Button>}
          >
            Train a recipe in step 3; its ACTIVE solution version can then be deployed here.
          </Alert>
        ) : null}
        {isTraining ? (
          <Alert type="info" header="Training is still running">
            More solution versions become deployable when they are ACTIVE; wait for the training job
            to finish to choose among all of them.
          </Alert>
        ) : null}
        {deploy.isError ? (
          <ErrorAlert header="The deployment could not start" error={deploy.error} />
        ) : null}
        {job?.state === 'failed' ? (
          <ErrorAlert
            header="The deployment failed"
            error={new Error(job.error?.message ?? job.step)}
            testId="deploy-failure"
          />
        ) : null}
        <Container header={<Header variant="h2">Campaign settings</Header>}>
          <SpaceBetween size="l">
            <FormField
              label="Solution version"
              description="The user-personalization version is the usual choice; the baseline can be deployed for comparison."
            >
              <Select
                ariaLabel="Solution version"
                selectedOption={options.find((option) => option.value === chosen) ?? null}
                onChange={({ detail }) => setRecipe(detail.selectedOption.value)}
                options={options}
                disabled={trained.length === 0}
                placeholder="No ACTIVE solution version"
              />
            </FormField>
            <FormField
              label="Minimum provisioned TPS"
              description="Transactions per second the campaign is provisioned for (minProvisionedTPS)."
              errorText={tps === undefined ? 'Enter a whole number of 1 or more.' : undefined}
            >
              <Input
                type="number"
                inputMode="numeric"
                ariaLabel="Minimum provisioned TPS"
                value={tpsText}
                onChange={({ detail }) => setTpsText(detail.value)}
              />
            </FormField>
            <Alert type="warning" header="Cost">
              While the campaign is ACTIVE, AWS bills at least minProvisionedTPS transactions per
              second, every hour (see Amazon Personalize pricing for your Region). The Local sandbox
              bills nothing.
            </Alert>
            <SpaceBetween direction="horizontal" size="s" alignItems="center">
              <Button
                variant="primary"
                disabled={blockedReason !== undefined || tps === undefined || isRunning}
                loading={deploy.isPending}
                onClick={() => {
                  if (chosen !== undefined && tps !== undefined)
                    deploy.mutate({ recipe: chosen, minProvisionedTPS: tps });
                }}
              >
                Deploy
              </Button>
              {blockedReason === undefined ? null : (
                <Box color="text-body-secondary" data-testid="deploy-blocked-reason">
                  {blockedReason}
                </Box>
              )}
            </SpaceBetween>
          </SpaceBetween>
        </Container>
        <Container header={<Header variant="h2">Campaign</Header>}>
          {campaign === undefined ? (
            <Box color="text-body-secondary" data-testid="campaign-empty">
              {isRunning
                ? 'Deployment running…'
                : 'No campaign yet. Choose the solution version and Deploy.'}
            </Box>
          ) : (
            <KeyValuePairs
              columns={2}
              items={[
                {
                  label: 'Status',
                  value: (
                    <span data-testid="campaign-status" data-status={campaign.status ?? 'none'}>
                      <StatusIndicator type={resourceStatusType(campaign.status)}>
                        {campaign.status ?? 'Starting'}
                      </StatusIndicator>
                    </span>
                  ),
                },
                { label: 'Recipe', value: campaign.recipe },
                { label: 'Minimum provisioned TPS', value: String(campaign.minProvisionedTPS) },
                { label: 'Campaign ARN', value: <Box variant="code">{campaign.campaignArn}</Box> },
              ]}
            />
          )}
        </Container>
        <div>
          <Button
            variant="primary"
            disabled={campaign?.status !== 'ACTIVE'}
            onClick={() => goToStep('explore')}
          >
            Continue to explore
          </Button>
        </div>
      </SpaceBetween>
    </ContentLayout>
  );
}
