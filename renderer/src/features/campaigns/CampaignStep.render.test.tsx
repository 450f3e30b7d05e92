// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import type { GuideView } from '../../../../shared/guide.js';
import { arePricesVerified } from '../../../../shared/rules/prices.js';
import { setBridge } from '../../api/client.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { CampaignStep } from './CampaignStep.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const VERSION =
  'arn:aws:personalize:us-east-1:123456789012:solution/poc-ws-user-personalization/v1';
const SIMS = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-ws-sims/v2';

const CATALOG = {
  campaigns: [
    {
      campaignArn:
        'arn:aws:personalize:us-east-1:123456789012:campaign/poc-ws-user-personalization',
      name: 'poc-ws-user-personalization',
      recipe: 'aws-user-personalization',
      recipeType: 'USER_PERSONALIZATION',
      solutionArn: VERSION.replace(/\/v1$/u, ''),
      solutionVersionArn: VERSION,
      status: 'ACTIVE',
      minProvisionedTPS: 2,
      campaignConfig: {},
    },
  ],
  versions: [
    {
      recipe: 'aws-user-personalization',
      solutionArn: 'arn:s/up',
      solutionName: 'poc-ws-up',
      solutionVersionArn: VERSION,
    },
    {
      recipe: 'aws-sims',
      recipeType: 'RELATED_ITEMS',
      solutionArn: 'arn:s/sims',
      solutionName: 'poc-ws-sims',
      solutionVersionArn: SIMS,
    },
  ],
  pricing: {
    region: 'us-east-1',
    currency: 'USD',
    tpsHourUsd: 0.0556,
    source: 'https://aws.amazon.com/personalize/pricing/',
    recordedOn: '2026-12-01',
    // The price table's own flag: us-east-1's prices are not verified.
    isVerified: arePricesVerified('us-east-1'),
  },
  isBilled: false,
};

/** The channels the step called, in order. */
const calls: Channel[] = [];

function renderStep(poc: GuideView, catalog = CATALOG) {
  calls.length = 0;
  setBridge(
    buildBridge(
      (channel: Channel) =>
        (calls.push(channel), channel) === 'campaigns.list'
          ? Promise.resolve({ ok: true as const, value: catalog })
          : channel === 'jobs.list'
            ? Promise.resolve({ ok: true as const, value: [] })
            : Promise.resolve({
                ok: false as const,
                error: { code: 'internal' as const, message: 'not faked' },
              }),
      () => () => undefined,
    ),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <CampaignStep workspaceId="ws" poc={poc} />
    </QueryClientProvider>,
  );
}

describe('CampaignStep', () => {
  it('shows the hourly cost of minProvisionedTPS from the price table and the campaigns side by side', async () => {
    renderStep({
      ...emptyGuideView(),
      datasetGroupArn: 'arn:dsg',
      solutions: [
        {
          recipe: 'aws-user-personalization',
          solutionArn: 'arn:s/up',
          solutionVersionArn: VERSION,
          status: 'ACTIVE',
        },
      ],
    });
    await waitFor(() =>
      expect(screen.getByTestId('deploy-cost').textContent).toContain(
        '1 TPS × $0.0556 per TPS-hour = about $0.0556 per hour, $1.33 per day',
      ),
    );
    expect(screen.getByTestId('deploy-cost').textContent).toContain(
      'The Local sandbox bills nothing.',
    );
    // Unverified prices: the cost line says so, as the Inventory page does.
    expect(screen.getByTestId('deploy-cost-unverified').textContent).toBe('unverified estimate');
    expect(screen.getByTestId('deploy-cost').textContent).toMatch(
      /per day, .*unverified estimate$/u,
    );
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Minimum provisioned TPS' }), {
      target: { value: '-5' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('deploy-cost').textContent).toBe(
        'The minimum provisioned TPS is not valid (a whole number of 1 or more): no cost to show until it is fixed.',
      ),
    );
    expect(screen.getByTestId('deploy-cost').textContent).not.toContain('$');
    expect(screen.getByTestId('campaigns-table').dataset.count).toBe('1');
    expect(screen.getByTestId('campaign-status-poc-ws-user-personalization').dataset.tps).toBe('2');
    // 2 TPS at $0.0556 per TPS-hour.
    expect(screen.getByTestId('campaign-cost-poc-ws-user-personalization').textContent).toBe(
      '$0.1112 on AWS unverified estimate',
    );
    // The table's total and its column carry the same badge as the forms.
    expect(screen.getByTestId('campaigns-total-cost').textContent).toBe(
      'On AWS these would cost about $0.1112 per hour together (list price of 2026-12-01). unverified estimate',
    );
    expect(screen.getByTestId('campaigns-total-cost-unverified').textContent).toBe(
      'unverified estimate',
    );
    expect(
      screen.getByTestId('campaign-cost-unverified-poc-ws-user-personalization').textContent,
    ).toBe('unverified estimate');
  });

  it('names the campaign Explore opens with', async () => {
    renderStep({
      ...emptyGuideView(),
      datasetGroupArn: 'arn:dsg',
      campaign: {
        campaignArn: 'arn:aws:personalize:us-east-1:000000000000:campaign/poc-ws-sims',
        name: 'poc-ws-sims',
        solutionVersionArn: VERSION,
        recipe: 'aws-sims',
        status: 'ACTIVE',
        minProvisionedTPS: 1,
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'Campaign for Explore: poc-ws-sims' }),
    ).toBeTruthy();
  });

  it('shows no total cost line while there is no campaign', async () => {
    renderStep(
      {
        ...emptyGuideView(),
        datasetGroupArn: 'arn:dsg',
        solutions: [
          {
            recipe: 'aws-user-personalization',
            solutionArn: 'arn:s/up',
            solutionVersionArn: VERSION,
            status: 'ACTIVE',
          },
        ],
      },
      { ...CATALOG, campaigns: [] },
    );
    // The price table has arrived: the deploy form prices its TPS.
    await waitFor(() =>
      expect(screen.getByTestId('deploy-cost').textContent).toContain('$0.0556 per TPS-hour'),
    );
    expect(screen.getByTestId('campaigns-table').dataset.count).toBe('0');
    expect(screen.queryByTestId('campaigns-total-cost')).toBeNull();
  });

  it('drops the "unverified estimate" badge only for verified prices', async () => {
    const poc = {
      ...emptyGuideView(),
      datasetGroupArn: 'arn:dsg',
      solutions: [
        {
          recipe: 'aws-user-personalization',
          solutionArn: 'arn:s/up',
          solutionVersionArn: VERSION,
          status: 'ACTIVE',
        },
      ],
    };
    renderStep(poc, { ...CATALOG, pricing: { ...CATALOG.pricing, isVerified: true } });
    await waitFor(() =>
      expect(screen.getByTestId('deploy-cost').textContent).toContain('about $0.0556 per hour'),
    );
    expect(screen.queryByTestId('deploy-cost-unverified')).toBeNull();
    expect(screen.getByTestId('deploy-cost').textContent).not.toContain('unverified');
    expect(screen.queryByTestId('campaigns-total-cost-unverified')).toBeNull();
    expect(screen.queryByTestId('campaign-cost-unverified-poc-ws-user-personalization')).toBeNull();
    expect(screen.getByTestId('campaign-cost-poc-ws-user-personalization').textContent).toBe(
      '$0.1112 on AWS ',
    );
  });

  const trainedPoc: GuideView = {
    ...emptyGuideView(),
    datasetGroupArn: 'arn:dsg',
    solutions: [
      {
        recipe: 'aws-user-personalization',
        solutionArn: 'arn:s/up',
        solutionVersionArn: VERSION,
        status: 'ACTIVE',
      },
    ],
  };
  const deployButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Deploy' });
  const typeName = (name: string) =>
    fireEvent.change(screen.getByRole('textbox', { name: 'Campaign name' }), {
      target: { value: name },
    });

  it("refuses, before any call, a name over the service's 63 characters and a name another version's campaign has", async () => {
    const [campaign] = CATALOG.campaigns;
    if (campaign === undefined) throw new Error('no campaign');
    // The existing campaign serves SIMS; the form deploys the user-personalization version.
    renderStep(trainedPoc, { ...CATALOG, campaigns: [{ ...campaign, solutionVersionArn: SIMS }] });
    await waitFor(() => expect(screen.getByTestId('campaigns-table').dataset.count).toBe('1'));
    typeName('a'.repeat(70));
    expect(screen.getByText('At most 63 characters (this name has 70).')).toBeTruthy();
    expect(deployButton().disabled).toBe(true);
    typeName('a'.repeat(63));
    expect(deployButton().disabled).toBe(false);
    typeName('poc-ws-user-personalization');
    expect(
      screen.getByText(/A campaign of this name serves another solution version/u),
    ).toBeTruthy();
    expect(deployButton().disabled).toBe(true);
    expect(calls).not.toContain('campaigns.deploy');
  });

  it('asks before deploying a billed campaign at 10 TPS or more, with the cost grouped in thousands', async () => {
    renderStep(trainedPoc, { ...CATALOG, isBilled: true });
    await waitFor(() => expect(screen.getByTestId('deploy-cost').textContent).toContain('1 TPS'));
    typeName('poc-ws-big');
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Minimum provisioned TPS' }), {
      target: { value: '100000' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('deploy-cost').textContent).toContain(
        '100,000 TPS × $0.0556 per TPS-hour = about $5,560.00 per hour, $133,440.00 per day',
      ),
    );
    fireEvent.click(deployButton());
    await waitFor(() =>
      expect(screen.getByTestId('deploy-confirm').textContent).toContain(
        'about $5,560.00 per hour, $133,440.00 per day',
      ),
    );
    expect(calls).not.toContain('campaigns.deploy');
    fireEvent.click(screen.getByRole('button', { name: 'Deploy at 100,000 TPS' }));
    await waitFor(() => expect(calls).toContain('campaigns.deploy'));
  });

  it('deploys at once below 10 TPS, and on the sandbox whatever the TPS', async () => {
    renderStep(trainedPoc);
    await waitFor(() => expect(screen.getByTestId('deploy-cost').textContent).toContain('1 TPS'));
    typeName('poc-ws-big');
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Minimum provisioned TPS' }), {
      target: { value: '50' },
    });
    fireEvent.click(deployButton());
    await waitFor(() => expect(calls).toContain('campaigns.deploy'));
  });
});
