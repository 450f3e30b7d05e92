import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Tabs from '@cloudscape-design/components/tabs';
import { useState } from 'react';
import type { GuideView } from '../../../../shared/guide.js';
import { goToStep } from '../../app/use-hash-step.js';
import { FilesChangedAlert } from '../../components/FilesChangedAlert.js';
import { BatchPanel } from '../batch/BatchPanel.js';
import { useCampaigns } from '../campaigns/campaign-hooks.js';
import { DisplaySettings } from './DisplaySettings.js';
import { campaignsOfFamily } from './explore-campaigns.js';
import { useItemDisplay } from './explore-hooks.js';
import { RankingPanel, SimilarItemsPanel } from './ItemPanels.js';
import { UserExplorer } from './UserExplorer.js';

/** The columns seen in a set of items' metadata, in first-seen order. */
function columnsOf(items: readonly { metadata: Record<string, string> }[]): string[] {
  const seen = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.metadata)) seen.add(key);
  return [...seen];
}

/** Props of {@link ExploreStep}. */
export interface ExploreStepProps {
  workspaceId: string;
  poc: GuideView;
}

/**
 * Step 5: pick a user (or a heavy / light / cold shortcut): their history beside the campaign's
 * recommendations with item metadata; compare two campaigns, with and without a filter, or
 * before and after events sent through the event tracker; similar items of an item (SIMS);
 * personalized ranking of a pasted list; batch inference (tabs).
 */
export function ExploreStep({ workspaceId, poc }: ExploreStepProps) {
  const [tab, setTab] = useState('tab-user');
  const { display, setDisplay } = useItemDisplay(workspaceId);
  const [columns, setColumns] = useState<string[]>([]);
  const catalog = useCampaigns(workspaceId);
  const campaigns = catalog.data?.campaigns ?? [];
  const seeColumns = (items: readonly { metadata: Record<string, string> }[]): void => {
    const next = columnsOf(items);
    if (next.some((column) => !columns.includes(column)))
      setColumns([...new Set([...columns, ...next])]);
  };
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Ask the campaigns as your site would in real time: for a user, for an item, to rank a list, or in batch."
        >
          5. Explore
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FilesChangedAlert view={poc} />
        {poc.campaign?.status !== 'ACTIVE' ? (
          <Alert
            type="info"
            header="No active campaign"
            action={<Button onClick={() => goToStep('campaign')}>Go to Campaign</Button>}
          >
            Deploy a campaign in step 4 first; real-time recommendations come from it. Batch needs
            no campaign: it runs on a trained solution version.
          </Alert>
        ) : null}
        <DisplaySettings
          workspaceId={workspaceId}
          columns={columns}
          display={display}
          onChange={setDisplay}
        />
        <Tabs
          activeTabId={tab}
          onChange={({ detail }) => setTab(detail.activeTabId)}
          tabs={[
            {
              id: 'tab-user',
              label: 'For a user',
              content: (
                <UserExplorer
                  workspaceId={workspaceId}
                  poc={poc}
                  campaigns={campaignsOfFamily(campaigns, 'user')}
                  display={display}
                  onItems={seeColumns}
                />
              ),
            },
            {
              id: 'tab-similar',
              label: 'Similar items',
              content: (
                <SimilarItemsPanel
                  workspaceId={workspaceId}
                  campaigns={campaignsOfFamily(campaigns, 'related')}
                  display={display}
                />
              ),
            },
            {
              id: 'tab-ranking',
              label: 'Personalized ranking',
              content: (
                <RankingPanel
                  workspaceId={workspaceId}
                  campaigns={campaignsOfFamily(campaigns, 'ranking')}
                  display={display}
                />
              ),
            },
            {
              id: 'tab-batch',
              label: 'Batch',
              content: (
                <BatchPanel
                  workspaceId={workspaceId}
                  poc={poc}
                  campaigns={campaigns}
                  versions={catalog.data?.versions ?? []}
                />
              ),
            },
          ]}
        />
        <div>
          <Button onClick={() => goToStep('cleanup')}>Continue to clean up</Button>
        </div>
      </SpaceBetween>
    </ContentLayout>
  );
}
