/**
 * `poc-studio inventory [--workspace W | --profile P --region R] [--json]`: what a POC account
 * holds, grouped by dataset group, from the command line.
 */
import { parseArgs } from 'node:util';
import { runningText } from '../../shared/inventory/inventory-counts.js';
import type { InventoryItem, InventoryView } from '../../shared/ipc/inventory.js';
import type { Workspace } from '../../shared/ipc/workspaces.js';
import {
  chooseWorkspace,
  checkWorkspaceChoice,
  WORKSPACE_OPTIONS,
  withCliStudio,
} from './cli-workspace.js';
import { hourlyEstimateText } from '../../shared/rules/prices.js';

/** Age as `3d 4h`, `2h 5m`, `40s`. */
export function formatAge(ageMs: number | undefined): string {
  if (ageMs === undefined) return '-';
  const seconds = Math.floor(ageMs / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

function line(entry: InventoryItem, indent: string, workspaces: readonly Workspace[]): string {
  const owner =
    entry.workspaceId === undefined
      ? "(not the studio's)"
      : (workspaces.find((workspace) => workspace.id === entry.workspaceId)?.name ??
        entry.workspaceId);
  const status = entry.isOrphan === true ? 'ORPHAN' : (entry.status ?? '-');
  return `${indent}${entry.kind.padEnd(18)} ${entry.name.padEnd(40)} ${status.padEnd(20)} ${formatAge(entry.ageMs).padEnd(8)} ${owner}${idleMarker(entry)}`;
}

/**
 * ` (idle since 2026-12-02T05:20:11Z)` for an ACTIVE campaign or recommender the studio asked,
 * ` (last request unknown: requests made outside the studio are not seen)` for one it did not;
 * empty for anything else. UTC, 24-hour ISO time.
 */
export function idleMarker(entry: Pick<InventoryItem, 'kind' | 'status' | 'idleSinceMs'>): string {
  if ((entry.kind !== 'campaign' && entry.kind !== 'recommender') || entry.status !== 'ACTIVE')
    return '';
  return entry.idleSinceMs === undefined
    ? ' (last request unknown: requests made outside the studio are not seen)'
    : ` (idle since ${new Date(entry.idleSinceMs).toISOString().replace(/\.\d{3}Z$/u, 'Z')})`;
}

/** The inventory as text: each dataset group with what it holds, then the schemas (orphans marked), the workspace's bucket, objects and role, and the running cost. */
export function formatInventory(view: InventoryView, workspaces: readonly Workspace[]): string {
  const lines = [
    `Region ${view.region}${view.accountId === undefined ? '' : `, account ${view.accountId}`}: ${view.groups.length} dataset group${view.groups.length === 1 ? '' : 's'}, ${view.schemas.length} schema${view.schemas.length === 1 ? '' : 's'}`,
  ];
  for (const group of view.groups) {
    lines.push(line(group.datasetGroup, '', workspaces));
    for (const entry of group.resources) lines.push(line(entry, '  ', workspaces));
  }
  if (view.schemas.length > 0) lines.push('Schemas:');
  for (const schema of view.schemas) lines.push(line(schema, '  ', workspaces));
  if (view.environment.length > 0) lines.push('Environment:');
  for (const entry of view.environment) lines.push(line(entry, '  ', workspaces));
  const { cost } = view;
  const estimate =
    cost.perHourUsd === undefined
      ? `no price for ${view.region} in the studio's table`
      : `${cost.isBilled ? '' : 'as on AWS: '}${hourlyEstimateText(cost.perHourUsd, cost.isVerified)}`;
  lines.push(
    `Running cost: ${estimate}${cost.isBilled ? '' : ' (the Local sandbox bills nothing)'}; ${runningText({ campaigns: cost.activeCampaigns, recommenders: cost.activeRecommenders })} running, ${cost.provisionedTps} TPS provisioned (prices from ${cost.priceSource}, recorded ${cost.pricesRecordedOn})`,
    `Training hours spent: ${cost.trainingHours.toFixed(3)}${cost.trainingCostUsd === undefined ? '' : ` (about $${cost.trainingCostUsd.toFixed(2)})`}`,
  );
  if (cost.priceNote !== '') lines.push(`Prices: ${cost.priceNote}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `inventory`: lists the workspace's account and region through the app's handlers
 * (`inventory.get`, one composition), as text (kind, name, status, age, owning workspace) or,
 * with `--json`, as the `InventoryView` JSON. Resolves with 0.
 * @throws AppError `input.invalid` (options), `aws.*`.
 */
export async function inventoryCommand(
  args: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
  options: { readonly env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...WORKSPACE_OPTIONS,
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const usage = 'poc-studio inventory [--workspace W | --profile P --region R] [--json]';
  checkWorkspaceChoice(values, usage);
  return withCliStudio(options.env, async (studio) => {
    const workspace = await chooseWorkspace(studio, values, usage);
    const view = await studio.handlers['inventory.get']({ workspaceId: workspace.id });
    write(
      values.json
        ? `${JSON.stringify(view, null, 2)}\n`
        : formatInventory(view, studio.workspaces.list()),
    );
    return 0;
  });
}
