/** What the ownership rule needs of a workspace: its id (the tag's value) and its name prefix. */
export interface OwnerCandidate {
  readonly id: string;
  /** Resource names of the workspace start with `<prefix>-`. */
  readonly prefix: string;
}

/** The workspace whose prefix a resource name carries (`<prefix>-…`; the longest prefix wins), by id. */
export function prefixOwnerOf(
  name: string,
  workspaces: readonly OwnerCandidate[],
): string | undefined {
  let best: OwnerCandidate | undefined;
  for (const workspace of workspaces) {
    if (
      name.startsWith(`${workspace.prefix}-`) &&
      (best === undefined || workspace.prefix.length > best.prefix.length)
    )
      best = workspace;
  }
  return best?.id;
}

/**
 * The workspace that created a dataset group, the one ownership rule of the inventory view, its
 * alive counts, the teardown plan and `inventory.list`: the `poc-studio:workspace` tag decides
 * when the group carries one (the id of one of `workspaces`, else none of them: a group tagged by
 * another workspace is never taken for its name); an untagged group is the workspace's whose
 * prefix its name carries (the longest prefix wins).
 */
export function groupOwnerOf(
  group: { readonly name: string; readonly ownerTag?: string | undefined },
  workspaces: readonly OwnerCandidate[],
): string | undefined {
  if (group.ownerTag !== undefined)
    return workspaces.some((entry) => entry.id === group.ownerTag) ? group.ownerTag : undefined;
  return prefixOwnerOf(group.name, workspaces);
}
