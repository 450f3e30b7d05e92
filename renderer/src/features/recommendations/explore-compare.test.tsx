// @vitest-environment jsdom
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors.js';
import type { GuideView } from '../../../../shared/guide.js';
import { setBridge } from '../../api/client.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { ExploreStep } from './ExploreStep.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const poc: GuideView = {
  ...emptyGuideView(),
  datasetGroupArn: 'arn:aws:personalize:us-east-1:000000000000:dataset-group/poc',
  importedFiles: { interactions: '/data/interactions.csv' },
  campaign: {
    campaignArn: 'arn:c',
    name: 'poc-campaign',
    solutionVersionArn: 'arn:v',
    recipe: 'aws-user-personalization',
    status: 'ACTIVE',
    minProvisionedTPS: 1,
  },
};

const PRICE_FILTER = {
  filterArn: 'arn:f/price-max-unbought',
  name: 'price-max-unbought',
  filterExpression: 'INCLUDE ItemID WHERE Items.PRICE <= $MAXP',
  status: 'ACTIVE',
};

interface RecommendInput {
  userId: string;
  filterArn?: string;
  filterValues?: Record<string, string>;
}

const campaign = (campaignArn: string, name: string, recipe: string) => ({
  campaignArn,
  name,
  recipe,
  recipeType: recipe === 'aws-popularity-count' ? 'POPULAR_ITEMS' : 'USER_PERSONALIZATION',
  solutionArn: `${campaignArn}-solution`,
  solutionVersionArn: `${campaignArn}-version`,
  status: 'ACTIVE',
  minProvisionedTPS: 1,
  campaignConfig: {},
});

/**
 * The step over a fake core: two campaigns (user-personalization, popularity) and one filter
 * with $MAXP, which must have a value.
 */
function renderStep() {
  return renderWithStudio(<ExploreStep workspaceId="ws" poc={poc} />, {
    'campaigns.list': () => ({
      campaigns: [
        campaign('arn:c', 'poc-campaign', 'aws-user-personalization'),
        campaign('arn:pop', 'poc-popularity', 'aws-popularity-count'),
      ],
      versions: [],
    }),
    'filters.list': () => ({ filters: [PRICE_FILTER] }),
    'recommendations.recommend': (input: RecommendInput) => {
      if (input.filterArn !== undefined && input.filterValues?.['MAXP'] === undefined)
        throw new AppError(
          'aws.invalidInput',
          'GetRecommendations: filterValues needs a value for $MAXP',
        );
      return {
        userId: input.userId,
        historyCount: 5,
        ...(input.filterArn === undefined ? {} : { filterArn: input.filterArn }),
        items: [
          { itemId: input.filterArn === undefined ? 'any-item' : 'cheap-item', metadata: {} },
        ],
      };
    },
  });
}

const select = (testId: string) => {
  const wrapper = createWrapper(document.body).findSelect(`[data-testid="${testId}"]`);
  if (wrapper === null) throw new Error(`No select ${testId}`);
  return wrapper;
};

function choose(testId: string, value: string): void {
  select(testId).openDropdown();
  select(testId).selectOptionByValue(value);
}

const shownLabel = (testId: string): string =>
  select(testId).findTrigger().getElement().textContent ?? '';

/** Waits until the Filter select offers the POC's filter (filters.list answered). */
async function filtersListed(): Promise<void> {
  select('explore-filter').openDropdown();
  await waitFor(() =>
    expect(
      select('explore-filter').findDropdown().findOptionByValue(PRICE_FILTER.filterArn),
    ).toBeTruthy(),
  );
  select('explore-filter').closeDropdown();
}

function ask(userId: string): void {
  fireEvent.change(screen.getByRole('textbox', { name: 'User ID' }), {
    target: { value: userId },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Get recommendations' }));
}

describe('Explore "Compare with" when the filter changes', () => {
  it('goes back to Nothing when the filter it compared against is gone: no blank label, no third column', async () => {
    const { calls } = renderStep();
    await filtersListed();
    choose('explore-filter', PRICE_FILTER.filterArn);
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter MAXP value' }), {
      target: { value: '2' },
    });
    choose('explore-compare', 'unfiltered');
    expect(shownLabel('explore-compare')).toBe('The same without the filter');
    ask('12445');
    await screen.findByTestId('compare-recommendations');
    expect(screen.getByTestId('compare-recommendations').textContent).toContain(
      'Without the filter',
    );

    choose('explore-filter', '');
    expect(shownLabel('explore-compare')).toBe('Nothing');
    expect(screen.queryByTestId('compare-recommendations')).toBeNull();
    ask('14911');
    await waitFor(() => expect(screen.getByTestId('recommendations').dataset.userId).toBe('14911'));
    expect(screen.queryByTestId('compare-recommendations')).toBeNull();
    const asked = calls
      .filter(([channel]) => channel === 'recommendations.recommend')
      .map(([, input]) => input as RecommendInput)
      .filter((input) => input.userId === '14911');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.filterArn).toBeUndefined();
  });

  it('clears the error the old filter answered once the filter changes', async () => {
    renderStep();
    await filtersListed();
    choose('explore-filter', PRICE_FILTER.filterArn);
    ask('12445');
    const alert = await screen.findByTestId('recommend-error');
    expect(alert.textContent).toContain('filterValues needs a value for $MAXP');
    choose('explore-filter', '');
    expect(screen.queryByTestId('recommend-error')).toBeNull();
    expect(screen.queryByText(/filterValues needs a value/u)).toBeNull();
  });

  it('goes back to Nothing when the compared campaign becomes the main one', async () => {
    renderStep();
    select('explore-compare').openDropdown();
    await waitFor(() =>
      expect(select('explore-compare').findDropdown().findOptionByValue('arn:pop')).toBeTruthy(),
    );
    select('explore-compare').selectOptionByValue('arn:pop');
    expect(shownLabel('explore-compare')).toBe('Campaign poc-popularity');
    choose('explore-campaign', 'arn:pop');
    expect(shownLabel('explore-campaign')).toBe('poc-popularity');
    expect(shownLabel('explore-compare')).toBe('Nothing');
  });
});
