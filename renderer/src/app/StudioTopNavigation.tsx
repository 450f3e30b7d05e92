import TopNavigation from '@cloudscape-design/components/top-navigation';
import type { Workspace } from '../../../shared/ipc/contract.js';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher.js';
import { useQuitReminder, useRunningCost } from '../features/inventory/inventory-hooks.js';
import { runningCostUtility } from '../features/inventory/running-cost-utility.js';
import { setDarkMode, useIsDarkMode } from './color-mode.js';

/**
 * Top bar: product name, the workspace (customer) switcher in the middle (every workspace
 * with its target, "New workspace…", "Manage workspaces"), the jobs toggle and the light/dark
 * switch, and the running-cost badge while campaigns of any workspace bill by the hour. The
 * shown workspace's account is in the banner below it (AccountBanner).
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
  const costUtility = runningCostUtility(runningCost.data);
  return (
    <TopNavigation
      identity={{ title: 'Personalize POC Studio', href: '#/data' }}
      search={
        <WorkspaceSwitcher
          workspaces={workspaces}
          currentId={currentId}
          isSwitching={isSwitching}
          onSelect={onSelectWorkspace}
          onNew={onNewWorkspace}
          onManage={onManageWorkspaces}
        />
      }
      utilities={[
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
