import type { TopNavigationProps } from '@cloudscape-design/components/top-navigation';
import type { RunningCost } from '../../../../shared/ipc/inventory.js';
import {
  runningOfBilling,
  runningText,
  scopeText,
} from '../../../../shared/inventory/inventory-counts.js';
import { formatUsd, hourlyEstimateText } from '../../../../shared/rules/prices.js';
import { stepHref } from '../../app/steps.js';

/**
 * What the running-cost badge says: `text` in the top bar (the counts and the cost per hour, as
 * sighted users read it), `label` for screen readers and the tooltip (the same counts, in a sentence).
 */
export interface RunningCostBadge {
  readonly text: string;
  readonly label: string;
  /** True when AWS resources bill now (the badge warns); false when only sandbox campaigns run. */
  readonly isBilled: boolean;
}

/**
 * The running-cost badge of the top bar (UX.md, Frame): absent while nothing bills by the hour.
 * Its text and its label count campaigns and recommenders of every workspace in the inventory's
 * one wording, with that scope said ("1 campaign, 1 recommender in every workspace · $0.0556/h"),
 * so that it never reads as the shown workspace's count. AWS resources: their estimated cost per
 * hour from the one price table ("+ unpriced" when some have no price). Only Local sandbox
 * campaigns: what they would cost on AWS, marked not billed.
 */
export function runningCostBadge(cost: RunningCost | undefined): RunningCostBadge | undefined {
  if (cost === undefined || cost.resources.length === 0) return undefined;
  // The inventory's one count and wording: "1 campaign, 1 recommender in every workspace" (every
  // listed resource bills by the hour).
  const count = (resources: RunningCost['resources']) =>
    `${runningText(runningOfBilling(resources))} ${scopeText({ kind: 'everyWorkspace' })}`;
  // Figures from unverified prices are never shown as exact.
  const approx = cost.isVerified ? '' : '≈';
  if (cost.billedCount > 0) {
    const unpriced = cost.unpriced > 0 ? ` + ${cost.unpriced} unpriced` : '';
    return {
      text: `${count(cost.resources.filter((resource) => resource.isBilled))} · ${approx}${formatUsd(cost.billedPerHourUsd)}/h${unpriced}`,
      label: `Running cost: ${count(cost.resources.filter((resource) => resource.isBilled))}, billed on AWS, ${hourlyEstimateText(cost.billedPerHourUsd, cost.isVerified)}${unpriced}. Open the inventory`,
      isBilled: true,
    };
  }
  const wouldCost = cost.resources.reduce(
    (sum, resource) => sum + (resource.costPerHourUsd ?? 0),
    0,
  );
  return {
    text: `Sandbox: ${count(cost.resources)} · ${approx}${formatUsd(wouldCost)}/h on AWS`,
    label: `Running cost: ${count(cost.resources)}, active on the Local sandbox, not billed; on AWS ${hourlyEstimateText(wouldCost, cost.isVerified)}. Open the inventory`,
    isBilled: false,
  };
}

/**
 * The badge as a top-navigation utility (a link to the Inventory page), or `undefined`: its text
 * stays visible and in the bar at every window width.
 */
export function runningCostUtility(
  cost: RunningCost | undefined,
): TopNavigationProps.Utility | undefined {
  const badge = runningCostBadge(cost);
  if (badge === undefined) return undefined;
  return {
    type: 'button',
    text: badge.text,
    ariaLabel: badge.label,
    title: badge.label,
    iconName: badge.isBilled ? 'status-warning' : 'status-info',
    // On narrow windows the top bar shows an icon utility's icon alone, or moves it to its
    // overflow menu: the counts and the cost would then be in the accessible name only.
    disableTextCollapse: true,
    disableUtilityCollapse: true,
    href: stepHref('inventory'),
  };
}
