import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Checkbox from '@cloudscape-design/components/checkbox';
import Tabs from '@cloudscape-design/components/tabs';
import { useState } from 'react';
import type { CampaignPricing, DeployableVersion } from '../../../../shared/ipc/campaigns.js';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import type { GuideView } from '../../../../shared/guide.js';
import { campaignTpsWarning, formatUsd } from '../../../../shared/rules/prices.js';
import { useJobs, useWorkspace } from '../../api/hooks.js';
import { FiltersPanel } from '../filters/FiltersPanel.js';
import { CampaignsTable } from './CampaignsTable.js';
import { useCampaigns, useDeployCampaign } from './campaign-hooks.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { resourceStatusType } from '../../components/resource-status.js';
import { FilesChangedAlert } from '../../components/FilesChangedAlert.js';
import { UnverifiedEstimateBadge } from '../../components/UnverifiedEstimateBadge.js';
import { IdText } from '../../components/IdText.js';

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
 * What minProvisionedTPS costs, in one sentence: the hourly and daily estimate from the price
 * table with its source and date, or why there is none; the sandbox bills nothing. `tps` is
 * undefined when the field does not hold a valid value ({@link parseTps}): no price is shown then.
 */
export function tpsCostText(
  tps: number | undefined,
  pricing: CampaignPricing | undefined,
  isBilled: boolean,
): string {
  if (tps === undefined)
    return 'The minimum provisioned TPS is not valid (a whole number of 1 or more): no cost to show until it is fixed.';
  if (pricing === undefined)
    return `No price is recorded for this Region: see Amazon Personalize pricing. On AWS a campaign bills at least ${tps.toLocaleString('en-US')} TPS every hour it is ACTIVE.`;
  const perHour = tps * pricing.tpsHourUsd;
  const estimate = `${tps.toLocaleString('en-US')} TPS × ${formatUsd(pricing.tpsHourUsd)} per TPS-hour = about ${formatUsd(perHour)} per hour, ${formatUsd(perHour * 24)} per day, while the campaign is ACTIVE (${pricing.region} list price recorded ${pricing.recordedOn}, ${pricing.source}).`;
  return isBilled
    ? `${estimate} AWS bills the greater of minProvisionedTPS and the actual traffic.`
    : `On AWS: ${estimate} The Local sandbox bills nothing.`;
}

/**
 * The cost line of the campaign forms: {@link tpsCostText}, with the "unverified estimate" badge
 * (as on the Inventory page) when a price is shown and the table's prices are not verified.
 */
export function TpsCost({
  tps,
  pricing,
  isBilled,
}: {
  tps: number | undefined;
  pricing: CampaignPricing | undefined;
  isBilled: boolean;
}) {
  return (
    <>
      {tpsCostText(tps, pricing, isBilled)}
      {tps === undefined || pricing === undefined ? null : (
        <>
          {' '}
          <UnverifiedEstimateBadge
            isVerified={pricing.isVerified}
            testId="deploy-cost-unverified"
          />
        </>
      )}
    </>
  );
}

/** Longest campaign name CreateCampaign accepts (API reference: `name`, length 1–63). */
export const CAMPAIGN_NAME_MAX_LENGTH = 63;

/** From this minProvisionedTPS on, a billed deployment asks for a confirmation first. */
export const CONFIRM_TPS_FROM = 10;

/**
 * What is wrong with a campaign name, or undefined: the service's pattern and length
 * (CreateCampaign `name`: `^[a-zA-Z0-9][a-zA-Z0-9\-_]*`, 1–63 characters), and a name already
 * taken by a campaign that serves another solution version (CreateCampaign would fail with
 * ResourceAlreadyExistsException; Update changes a campaign's version).
 *
 * @param existing the dataset group's campaigns (name and the version each serves)
 * @param versionArn the solution version chosen in the form
 */
export function campaignNameError(
  name: string,
  existing: readonly { readonly name: string; readonly solutionVersionArn: string }[],
  versionArn: string | undefined,
): string | undefined {
  if (name === '') return undefined;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/u.test(name))
    return 'Letters, digits, - and _, starting with a letter or digit.';
  if (name.length > CAMPAIGN_NAME_MAX_LENGTH)
    return `At most ${CAMPAIGN_NAME_MAX_LENGTH} characters (this name has ${name.length}).`;
  const taken = existing.find((campaign) => campaign.name === name);
  if (taken !== undefined && versionArn !== undefined && taken.solutionVersionArn !== versionArn)
    return 'A campaign of this name serves another solution version: choose another name, or use Update on that campaign in the table below to change its version.';
  return undefined;
}

/** A version's option label: recipe · solution name · version id. */
function versionLabel(version: DeployableVersion): string {
  return `${version.recipe} · ${version.solutionName} · ${version.solutionVersionArn.slice(version.solutionVersionArn.lastIndexOf('/') + 1)}`;
}

/**
 * Step 4: deploy ACTIVE solution versions as campaigns side by side (user-personalization, SIMS,
 * personalized-ranking and the baseline), with minProvisionedTPS and its hourly cost; update a
 * campaign; and the POC's filters (second tab).
 */
export function CampaignStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const [tab, setTab] = useState('campaigns');
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Deploy solution versions behind campaigns for real-time recommendations, and filter what they return."
        >
          4. Campaign
        </Header>
      }
    >
      <Tabs
        activeTabId={tab}
        onChange={({ detail }) => setTab(detail.activeTabId)}
        tabs={[
          {
            id: 'campaigns',
            label: 'Campaigns',
            content: <CampaignsPanel workspaceId={workspaceId} poc={poc} />,
          },
          {
            id: 'filters',
            label: 'Filters',
            content: <FiltersPanel workspaceId={workspaceId} poc={poc} />,
          },
        ]}
      />
    </ContentLayout>
  );
}

/** The campaigns tab: the deploy form, every campaign side by side, the one Explore asks. */
function CampaignsPanel({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const catalog = useCampaigns(workspaceId);
  const trained = poc.solutions.filter((solution) => solution.solutionVersionArn !== undefined);
  const versions = catalog.data?.versions ?? [];
  const defaultVersion =
    trained.find((solution) => solution.recipe === 'aws-user-personalization')
      ?.solutionVersionArn ??
    versions[0]?.solutionVersionArn ??
    trained[0]?.solutionVersionArn;
  const [versionArn, setVersionArn] = useState<string | undefined>(undefined);
  const [nameText, setNameText] = useState<string | undefined>(undefined);
  const [tpsText, setTpsText] = useState('1');
  const [withMetadata, setWithMetadata] = useState(false);
  const deploy = useDeployCampaign(workspaceId);
  const jobs = useJobs(workspaceId);
  const job = latestJob(jobs.data, 'campaigns.deploy');
  const trainJob = latestJob(jobs.data, 'solutions.train');
  const isTraining = trainJob !== undefined && !isTerminalJobState(trainJob.state);
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const chosenArn = versionArn ?? defaultVersion;
  const chosenVersion = versions.find((version) => version.solutionVersionArn === chosenArn);
  const guideSolution = trained.find((solution) => solution.solutionVersionArn === chosenArn);
  const chosenRecipe = chosenVersion?.recipe ?? guideSolution?.recipe;
  const chosenStatus =
    chosenVersion !== undefined ? 'ACTIVE' : (guideSolution?.status ?? undefined);
  const blockedReason = deployBlockedReason(isTraining, chosenRecipe, chosenStatus);
  const tps = parseTps(tpsText);
  const campaign = poc.campaign;
  const prefix = useWorkspace().data?.prefix;
  const defaultName =
    chosenRecipe === undefined || prefix === undefined
      ? ''
      : `${prefix}-${chosenRecipe.replace(/^aws-/u, '')}`;
  const name = nameText ?? defaultName;
  const nameError = campaignNameError(name, catalog.data?.campaigns ?? [], chosenArn);
  const [confirming, setConfirming] = useState(false);
  const [dismissedJobId, setDismissedJobId] = useState<string | undefined>(undefined);
  const options = (
    versions.length > 0
      ? versions.map((version) => ({
          value: version.solutionVersionArn,
          label: versionLabel(version),
          description: version.recipeType,
        }))
      : trained.map((solution) => ({
          value: solution.solutionVersionArn ?? '',
          label: solution.recipe,
          description: solution.solutionVersionArn,
          ...(solution.status === 'ACTIVE' ? {} : { tags: [solution.status ?? 'not ACTIVE'] }),
        }))
  ).filter((option) => option.value !== '');
  const warning =
    tps === undefined || catalog.data?.pricing === undefined
      ? undefined
      : campaignTpsWarning(tps, catalog.data.pricing.region);
  const existingNames = new Set((catalog.data?.campaigns ?? []).map((entry) => entry.name));
  const perHourUsd =
    tps === undefined || catalog.data?.pricing === undefined
      ? undefined
      : tps * catalog.data.pricing.tpsHourUsd;
  const needsConfirmation =
    (catalog.data?.isBilled ?? false) && tps !== undefined && tps >= CONFIRM_TPS_FROM;
  const start = (): void => {
    setConfirming(false);
    if (chosenArn === undefined || tps === undefined) return;
    const isGuideLatest =
      guideSolution !== undefined && nameText === undefined && chosenRecipe !== undefined;
    const campaignConfig = withMetadata ? { enableMetadataWithRecommendations: true } : undefined;
    deploy.mutate(
      isGuideLatest
        ? { recipe: chosenRecipe, minProvisionedTPS: tps, campaignConfig }
        : {
            solutionVersionArn: chosenArn,
            minProvisionedTPS: tps,
            ...(name === '' ? {} : { name }),
            campaignConfig,
          },
    );
  };

  return (
    <SpaceBetween size="l">
      <FilesChangedAlert view={poc} />
      {trained.length === 0 && versions.length === 0 ? (
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
      {catalog.isError ? (
        <ErrorAlert header="The campaigns could not be listed" error={catalog.error} />
      ) : null}
      {job?.state === 'failed' && job.id !== dismissedJobId ? (
        <ErrorAlert
          header="The deployment failed"
          error={new Error(job.error?.message ?? job.step)}
          testId="deploy-failure"
          onDismiss={() => setDismissedJobId(job.id)}
        />
      ) : null}
      <Container
        header={
          <Header
            variant="h2"
            description="Deploy user-personalization, SIMS, personalized-ranking and the popularity baseline side by side, each its own campaign."
          >
            Deploy a campaign
          </Header>
        }
      >
        <SpaceBetween size="l">
          <FormField
            label="Solution version"
            description="Any ACTIVE solution version of the POC's dataset group; user-personalization is the usual first choice."
          >
            <Select
              ariaLabel="Solution version"
              selectedOption={options.find((option) => option.value === chosenArn) ?? null}
              onChange={({ detail }) => {
                setVersionArn(detail.selectedOption.value);
                setNameText(undefined);
              }}
              options={options}
              disabled={options.length === 0}
              placeholder="No ACTIVE solution version"
            />
          </FormField>
          <FormField
            label="Campaign name"
            description={
              existingNames.has(name)
                ? 'A campaign of this name exists: deploying again reuses it when it serves this version; to change its version use Update.'
                : 'One campaign per name; several live side by side.'
            }
            errorText={nameError}
          >
            <Input
              ariaLabel="Campaign name"
              value={name}
              onChange={({ detail }) => setNameText(detail.value)}
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
          <Checkbox
            checked={withMetadata}
            onChange={({ detail }) => setWithMetadata(detail.checked)}
          >
            Return item metadata with recommendations (enableMetadataWithRecommendations)
          </Checkbox>
          <Alert type={warning === undefined ? 'info' : 'warning'} header="Cost">
            <span data-testid="deploy-cost">
              {catalog.data === undefined ? (
                'Reading the price table…'
              ) : (
                <TpsCost
                  tps={tps}
                  pricing={catalog.data.pricing}
                  isBilled={catalog.data.isBilled}
                />
              )}
            </span>
            {warning === undefined ? null : <Box variant="p">{warning.message}</Box>}
          </Alert>
          <SpaceBetween direction="horizontal" size="s" alignItems="center">
            <Button
              variant="primary"
              disabled={
                blockedReason !== undefined ||
                tps === undefined ||
                isRunning ||
                nameError !== undefined
              }
              loading={deploy.isPending}
              onClick={() => (needsConfirmation ? setConfirming(true) : start())}
            >
              Deploy
            </Button>
            {blockedReason === undefined ? null : (
              <Box color="text-body-secondary" data-testid="deploy-blocked-reason">
                {blockedReason}
              </Box>
            )}
            {isRunning ? <StatusIndicator type="in-progress">{job.step}</StatusIndicator> : null}
          </SpaceBetween>
        </SpaceBetween>
      </Container>
      <Modal
        visible={confirming}
        onDismiss={() => setConfirming(false)}
        header={`Deploy at ${(tps ?? 0).toLocaleString('en-US')} TPS?`}
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button variant="primary" onClick={start}>
                Deploy at {(tps ?? 0).toLocaleString('en-US')} TPS
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <span data-testid="deploy-confirm">
          This account is billed: the campaign bills at least {(tps ?? 0).toLocaleString('en-US')}{' '}
          TPS every hour it is ACTIVE, whatever the traffic
          {perHourUsd === undefined
            ? ''
            : `, about ${formatUsd(perHourUsd)} per hour, ${formatUsd(perHourUsd * 24)} per day`}
          . The service recommends starting with 1: it scales up above the minimum by itself.
        </span>
      </Modal>
      <CampaignsTable
        workspaceId={workspaceId}
        campaigns={catalog.data?.campaigns ?? []}
        versions={versions}
        pricing={catalog.data?.pricing}
        isBilled={catalog.data?.isBilled ?? false}
        isLoading={catalog.isLoading}
      />
      <Container
        header={
          <Header
            variant="h2"
            description="The campaign step 5 (Explore) opens with; any ACTIVE campaign of the table can be chosen there."
          >
            {campaign === undefined
              ? 'Campaign for Explore'
              : `Campaign for Explore: ${campaign.name}`}
          </Header>
        }
      >
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
              { label: 'Name', value: campaign.name },
              { label: 'Recipe', value: campaign.recipe },
              { label: 'Minimum provisioned TPS', value: String(campaign.minProvisionedTPS) },
              { label: 'Campaign ARN', value: <IdText>{campaign.campaignArn}</IdText> },
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
  );
}
