import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import type {
  CampaignPricing,
  CampaignSummary,
  DeployableVersion,
} from '../../../../shared/ipc/campaigns.js';
import { formatUsd } from '../../../../shared/rules/prices.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ModalFooter } from '../../components/ModalFooter.js';
import { UnverifiedEstimateBadge } from '../../components/UnverifiedEstimateBadge.js';
import { resourceStatusType } from '../../components/resource-status.js';
import { TpsCost } from './CampaignStep.js';
import { useUpdateCampaign } from './campaign-hooks.js';

/** `…/solution/poc-up/abc123` → `abc123`. */
function versionId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The status of a campaign's latest update, in words, or `—` when it was never updated. */
function updateText(campaign: CampaignSummary): string {
  const update = campaign.latestUpdate;
  if (update?.status === undefined) return '—';
  const what = [
    update.solutionVersionArn === undefined
      ? undefined
      : `version ${versionId(update.solutionVersionArn)}`,
    update.minProvisionedTPS === undefined ? undefined : `${update.minProvisionedTPS} TPS`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return `${update.status}${what === '' ? '' : ` (${what})`}${update.failureReason === undefined ? '' : `: ${update.failureReason}`}`;
}

/** Every campaign of the POC side by side, with its cost, latest update and an Update action. */
export function CampaignsTable({
  workspaceId,
  campaigns,
  versions,
  pricing,
  isBilled,
  isLoading,
}: {
  workspaceId: string;
  campaigns: readonly CampaignSummary[];
  versions: readonly DeployableVersion[];
  pricing: CampaignPricing | undefined;
  isBilled: boolean;
  isLoading: boolean;
}) {
  const [selected, setSelected] = useState<CampaignSummary | undefined>(undefined);
  const [editing, setEditing] = useState<CampaignSummary | undefined>(undefined);
  const current = campaigns.find((campaign) => campaign.campaignArn === selected?.campaignArn);
  const totalPerHour = campaigns
    .filter((campaign) => campaign.status === 'ACTIVE')
    .reduce((sum, campaign) => sum + campaign.minProvisionedTPS * (pricing?.tpsHourUsd ?? 0), 0);
  return (
    <div data-testid="campaigns-table" data-count={campaigns.length}>
      <Table
        header={
          <Header
            variant="h2"
            counter={`(${campaigns.length})`}
            description={
              pricing === undefined || campaigns.length === 0 ? undefined : (
                <span data-testid="campaigns-total-cost">
                  {`${isBilled ? 'Billed' : 'On AWS these would cost'} about ${formatUsd(totalPerHour)} per hour together (list price of ${pricing.recordedOn}).`}{' '}
                  <UnverifiedEstimateBadge
                    isVerified={pricing.isVerified}
                    testId="campaigns-total-cost-unverified"
                  />
                </span>
              )
            }
            actions={
              <Button disabled={current?.status !== 'ACTIVE'} onClick={() => setEditing(current)}>
                Update
              </Button>
            }
          >
            Campaigns
          </Header>
        }
        ariaLabels={{
          tableLabel: 'Campaigns',
          selectionGroupLabel: 'Campaign selection',
          itemSelectionLabel: (_, item) => `Select campaign ${item.name}`,
        }}
        selectionType="single"
        selectedItems={current === undefined ? [] : [current]}
        onSelectionChange={({ detail }) => setSelected(detail.selectedItems[0])}
        items={[...campaigns]}
        trackBy="campaignArn"
        loading={isLoading}
        loadingText="Reading the campaigns"
        wrapLines
        empty={
          <Box color="text-body-secondary">
            No campaign yet: choose a solution version above and Deploy.
          </Box>
        }
        columnDefinitions={[
          { id: 'name', header: 'Name', isRowHeader: true, cell: (campaign) => campaign.name },
          { id: 'recipe', header: 'Recipe', cell: (campaign) => campaign.recipe },
          {
            id: 'status',
            header: 'Status',
            cell: (campaign) => (
              <span
                data-testid={`campaign-status-${campaign.name}`}
                data-status={campaign.status ?? 'none'}
                data-tps={campaign.minProvisionedTPS}
              >
                <StatusIndicator type={resourceStatusType(campaign.status)}>
                  {campaign.status ?? 'Starting'}
                </StatusIndicator>
              </span>
            ),
          },
          {
            id: 'tps',
            header: 'Min TPS',
            cell: (campaign) => String(campaign.minProvisionedTPS),
          },
          {
            id: 'cost',
            header: 'Cost per hour',
            cell: (campaign) =>
              pricing === undefined ? (
                'No price'
              ) : (
                <span data-testid={`campaign-cost-${campaign.name}`}>
                  {`${formatUsd(campaign.minProvisionedTPS * pricing.tpsHourUsd)}${isBilled ? '' : ' on AWS'}`}{' '}
                  <UnverifiedEstimateBadge
                    isVerified={pricing.isVerified}
                    testId={`campaign-cost-unverified-${campaign.name}`}
                  />
                </span>
              ),
          },
          {
            id: 'version',
            header: 'Solution version',
            cell: (campaign) => <Box variant="code">{versionId(campaign.solutionVersionArn)}</Box>,
          },
          {
            id: 'update',
            header: 'Latest update',
            cell: (campaign) => (
              <span
                data-testid={`campaign-update-${campaign.name}`}
                data-status={campaign.latestUpdate?.status ?? 'none'}
              >
                {updateText(campaign)}
              </span>
            ),
          },
        ]}
      />
      {editing === undefined ? null : (
        <UpdateCampaignModal
          workspaceId={workspaceId}
          campaign={editing}
          versions={versions.filter((version) => version.solutionArn === editing.solutionArn)}
          pricing={pricing}
          isBilled={isBilled}
          onClose={() => setEditing(undefined)}
        />
      )}
    </div>
  );
}

/** UpdateCampaign: another version of the same solution, minProvisionedTPS, exploration weight. */
function UpdateCampaignModal({
  workspaceId,
  campaign,
  versions,
  pricing,
  isBilled,
  onClose,
}: {
  workspaceId: string;
  campaign: CampaignSummary;
  versions: readonly DeployableVersion[];
  pricing: CampaignPricing | undefined;
  isBilled: boolean;
  onClose: () => void;
}) {
  const update = useUpdateCampaign(workspaceId);
  const [versionArn, setVersionArn] = useState(campaign.solutionVersionArn);
  const [tpsText, setTpsText] = useState(String(campaign.minProvisionedTPS));
  const explorationNow = campaign.campaignConfig.itemExplorationConfig?.explorationWeight ?? '';
  const [exploration, setExploration] = useState(explorationNow);
  const tps = Number(tpsText);
  const isTpsValid = Number.isInteger(tps) && tps >= 1;
  const weight = Number(exploration);
  const isWeightValid = exploration === '' || (weight >= 0 && weight <= 1);
  const isUserPersonalization = campaign.recipe.startsWith('aws-user-personalization');
  const options = versions.map((version) => ({
    value: version.solutionVersionArn,
    label: versionId(version.solutionVersionArn),
    description:
      version.solutionVersionArn === campaign.solutionVersionArn ? 'Serving now' : undefined,
  }));
  const submit = (): void => {
    update.mutate(
      {
        campaignArn: campaign.campaignArn,
        ...(versionArn === campaign.solutionVersionArn ? {} : { solutionVersionArn: versionArn }),
        ...(tps === campaign.minProvisionedTPS ? {} : { minProvisionedTPS: tps }),
        ...(exploration === explorationNow || exploration === ''
          ? {}
          : {
              campaignConfig: {
                ...campaign.campaignConfig,
                itemExplorationConfig: {
                  ...campaign.campaignConfig.itemExplorationConfig,
                  explorationWeight: exploration,
                },
              },
            }),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={`Update campaign ${campaign.name}`}
      footer={
        <ModalFooter
          submitLabel="Update campaign"
          onSubmit={submit}
          onCancel={onClose}
          isBusy={update.isPending}
          isDisabled={!isTpsValid || !isWeightValid}
        />
      }
    >
      <SpaceBetween size="m">
        {update.isError ? (
          <ErrorAlert header="The update could not start" error={update.error} />
        ) : null}
        <FormField
          label="Solution version"
          description="A campaign serves versions of its own solution; it keeps serving the current one until the update is ACTIVE."
        >
          <Select
            ariaLabel="New solution version"
            selectedOption={options.find((option) => option.value === versionArn) ?? null}
            onChange={({ detail }) => setVersionArn(detail.selectedOption.value ?? versionArn)}
            options={options}
          />
        </FormField>
        <FormField
          label="Minimum provisioned TPS"
          description={<TpsCost tps={isTpsValid ? tps : 1} pricing={pricing} isBilled={isBilled} />}
          errorText={isTpsValid ? undefined : 'Enter a whole number of 1 or more.'}
        >
          <Input
            type="number"
            ariaLabel="New minimum provisioned TPS"
            value={tpsText}
            onChange={({ detail }) => setTpsText(detail.value)}
          />
        </FormField>
        {isUserPersonalization ? (
          <FormField
            label="Exploration weight"
            description="itemExplorationConfig.explorationWeight, 0 to 1 (0.3 by default): how often new and less-seen items are mixed in."
            errorText={isWeightValid ? undefined : 'Enter a number from 0 to 1.'}
          >
            <Input
              ariaLabel="Exploration weight"
              value={exploration}
              placeholder="0.3"
              onChange={({ detail }) => setExploration(detail.value)}
            />
          </FormField>
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}
