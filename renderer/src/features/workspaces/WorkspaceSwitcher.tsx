import type { ButtonDropdownProps } from '@cloudscape-design/components/button-dropdown';
import type { TopNavigationProps } from '@cloudscape-design/components/top-navigation';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { targetLabel } from '../accounts/identity-text.js';

/** Id prefix of the switcher's workspace items (`workspace:<id>`). */
const WORKSPACE_ITEM = 'workspace:';

/** The switcher's menu: every workspace (name, target), then "New workspace…" and "Manage workspaces". */
export function switcherItems(
  workspaces: readonly Workspace[],
  currentId: string | undefined,
): ButtonDropdownProps.Items {
  return [
    {
      text: 'Workspaces',
      items: workspaces.map((workspace) => ({
        id: `${WORKSPACE_ITEM}${workspace.id}`,
        text: workspace.name,
        secondaryText: targetLabel(workspace.target, workspace.accountId),
        ...(workspace.id === currentId ? { iconName: 'check' as const } : {}),
      })),
    },
    {
      items: [
        { id: 'new', text: 'New workspace…', iconName: 'add-plus' },
        { id: 'manage', text: 'Manage workspaces', iconName: 'settings' },
      ],
    },
  ];
}

/** Longest workspace name the top bar shows whole, in characters; a longer one ends in `…`. */
export const SHOWN_NAME_MAX_LENGTH = 24;

/** `name` as the top bar shows it: whole up to {@link SHOWN_NAME_MAX_LENGTH} characters, else cut with `…`. */
export function shownWorkspaceName(name: string): string {
  // Cut between user-perceived characters, so an accent or an emoji is never split.
  const characters = Array.from(
    new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(name),
    (part) => part.segment,
  );
  return characters.length <= SHOWN_NAME_MAX_LENGTH
    ? name
    : `${characters
        .slice(0, SHOWN_NAME_MAX_LENGTH - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * The workspace (customer) switcher of the top bar, as a utility that never collapses (neither
 * into a search button nor into the "More" menu): the current workspace's name (shortened, see
 * {@link shownWorkspaceName}) with a folder icon, and a menu listing every workspace with its
 * target; choosing one calls `onSelect` (the current one does nothing), plus "New workspace…"
 * and "Manage workspaces". Its accessible name starts with the shown name and ends with
 * "Switch workspace".
 */
export function workspaceSwitcherUtility({
  workspaces,
  currentId,
  isSwitching = false,
  onSelect,
  onNew,
  onManage,
}: {
  workspaces: readonly Workspace[];
  currentId: string | undefined;
  isSwitching?: boolean;
  onSelect: (workspaceId: string) => void;
  onNew: () => void;
  onManage: () => void;
}): TopNavigationProps.MenuDropdownUtility {
  const current = workspaces.find((workspace) => workspace.id === currentId);
  const name = current?.name ?? 'Opening…';
  return {
    type: 'menu-dropdown',
    text: shownWorkspaceName(name),
    title: name,
    ...(current === undefined
      ? {}
      : { description: targetLabel(current.target, current.accountId) }),
    iconName: isSwitching ? 'status-in-progress' : 'folder',
    ariaLabel: `${name}${isSwitching ? ', switching' : ''}. Switch workspace`,
    disableTextCollapse: true,
    disableUtilityCollapse: true,
    items: switcherItems(workspaces, currentId),
    onItemClick: ({ detail }) => {
      if (detail.id === 'new') onNew();
      else if (detail.id === 'manage') onManage();
      else if (detail.id.startsWith(WORKSPACE_ITEM)) {
        const workspaceId = detail.id.slice(WORKSPACE_ITEM.length);
        if (workspaceId !== currentId) onSelect(workspaceId);
      }
    },
  };
}
