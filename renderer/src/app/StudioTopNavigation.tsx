import TopNavigation from '@cloudscape-design/components/top-navigation';
import { useEffect, useState } from 'react';
import type { Workspace } from '../../../shared/ipc/contract.js';
import { workspaceSwitcherUtility } from '../features/workspaces/WorkspaceSwitcher.js';
import { useQuitReminder, useRunningCost } from '../features/inventory/inventory-hooks.js';
import { runningCostUtility } from '../features/inventory/running-cost-utility.js';
import { setDarkMode, useIsDarkMode } from './color-mode.js';

/**
 * Narrowest window, in px, whose top bar holds the product name, the workspace name and the
 * running-cost badge's text: narrower, the badge shows its icon only (its accessible name still
 * says the cost).
 */
export const COST_TEXT_MIN_WINDOW_PX = 1100;

/** Whether the window is narrower than `widthPx`, kept current as it resizes. */
function useIsWindowNarrowerThan(widthPx: number): boolean {
  const query = `(max-width: ${widthPx - 1}px)`;
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(query) : undefined;
  const [isNarrow, setNarrow] = useState(media?.matches ?? false);
  useEffect(() => {
    if (media === undefined) return undefined;
    const update = (): void => setNarrow(media.matches);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, [query]);
  return isNarrow;
}

/**
 * Top bar: product name, the workspace (customer) switcher first among the utilities, never
 * collapsed (every workspace with its target, "New workspace…", "Manage workspaces"), the
 * jobs toggle and the light/dark switch, and the running-cost badge while campaigns of any
 * workspace bill by the hour. The shown workspace's account is in the banner below it
 * (AccountBanner).
 */
export function StudioTopNavigation({
  workspaces,
  currentId,
  isSwitching = false,
  runningJobs,
  isConnectionLost = false,
  onSelectWorkspace,
  onNewWorkspace,
  onManageWorkspaces,
  onToggleJobs,
}: {
  workspaces: readonly Workspace[];
  currentId: string | undefined;
  isSwitching?: boolean;
  runningJobs: number;
  /** The host is unreachable: the jobs' states are unknown. */
  isConnectionLost?: boolean;
  onSelectWorkspace: (workspaceId: string) => void;
  onNewWorkspace: () => void;
  onManageWorkspaces: () => void;
  onToggleJobs: () => void;
}) {
  const isDark = useIsDarkMode();
  // The running-cost badge (shown while campaigns bill by the hour) and the reminder on unload.
  const runningCost = useRunningCost(runningJobs);
  useQuitReminder(runningCost.data);
  const badge = runningCostUtility(runningCost.data);
  // In a narrow window the workspace name keeps its place and the badge's text gives way.
  const isNarrow = useIsWindowNarrowerThan(COST_TEXT_MIN_WINDOW_PX);
  const costUtility =
    badge === undefined || !isNarrow ? badge : { ...badge, disableTextCollapse: false };
  return (
    <TopNavigation
      identity={{ title: 'Personalize POC Studio', href: '#/data' }}
      utilities={[
        // A utility, not the search slot: that slot collapses into a magnifier button in a
        // narrow window, and the workspace must stay in sight.
        workspaceSwitcherUtility({
          workspaces,
          currentId,
          isSwitching,
          onSelect: onSelectWorkspace,
          onNew: onNewWorkspace,
          onManage: onManageWorkspaces,
        }),
        ...(costUtility === undefined ? [] : [costUtility]),
        {
          type: 'button',
          text: isConnectionLost
            ? 'Jobs (state unknown)'
            : runningJobs > 0
              ? `Jobs (${runningJobs} running)`
              : 'Jobs',
          iconName: isConnectionLost ? 'status-warning' : 'status-in-progress',
          ariaLabel: isConnectionLost
            ? 'Jobs, state unknown: connection lost'
            : runningJobs > 0
              ? `Jobs, ${runningJobs} running`
              : 'Jobs',
          onClick: onToggleJobs,
        },
        {
          type: 'button',
          text: isDark ? 'Light mode' : 'Dark mode',
          ariaLabel: isDark ? 'Switch to light mode' : 'Switch to dark mode',
          onClick: () => setDarkMode(!isDark),
        },
      ]}
    />
  );
}
