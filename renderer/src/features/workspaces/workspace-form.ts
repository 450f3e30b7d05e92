import { AppError } from '../../../../shared/errors.js';
import type { TagEditorProps } from '@cloudscape-design/components/tag-editor';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import { workspacesChannels, type Workspace } from '../../../../shared/ipc/workspaces.js';

/**
 * The core's refusal of a name another workspace has (`workspace.nameTaken`), as the text to
 * show under the Name field; undefined for any other error (shown below the form).
 */
export function nameTakenMessage(error: unknown): string | undefined {
  return error instanceof AppError && error.code === 'workspace.nameTaken'
    ? error.message
    : undefined;
}

/** The message of a `workspace.prefixTaken` error (shown on the prefix field), else undefined. */
export function prefixTakenMessage(error: unknown): string | undefined {
  return error instanceof AppError && error.code === 'workspace.prefixTaken'
    ? error.message
    : undefined;
}

/** The fields of the workspace form whose errors it shows. */
export type WorkspaceField =
  'name' | 'targetKind' | 'profile' | 'region' | 'accountId' | 'prefix' | 'tags' | 'notes';

/** What the "New workspace" form holds while the user types (strings as typed). */
export interface WorkspaceDraft {
  readonly name: string;
  readonly targetKind: 'sandbox' | 'aws';
  readonly profile: string;
  readonly region: string;
  /** Optional: recorded on first connect when empty. */
  readonly accountId: string;
  /** Optional: generated from the name when empty. */
  readonly prefix: string;
  readonly tags: readonly TagEditorProps.Tag[];
  readonly notes: string;
}

/** Region of the Local sandbox (it answers in one region). */
export const SANDBOX_REGION = 'us-east-1';

/** An empty draft: Local sandbox in us-east-1, no tags. */
export function emptyDraft(): WorkspaceDraft {
  return {
    name: '',
    targetKind: 'sandbox',
    profile: '',
    region: SANDBOX_REGION,
    accountId: '',
    prefix: '',
    tags: [],
    notes: '',
  };
}

/** How the studio names a prefix left empty, for the form's hint. */
export const PREFIX_RULE =
  '2–24 lower-case letters, digits and hyphens, starting with a letter or digit. Every resource name and the bucket start with it. Left empty, the studio makes one from the name and 4 random hex digits (Customer A → customer-a-3f9a).';

/** Tags as the contract takes them: key → value, without the ones marked for removal. */
export function tagsRecord(tags: readonly TagEditorProps.Tag[]): Record<string, string> {
  return Object.fromEntries(
    tags.filter((tag) => tag.markedForRemoval !== true).map((tag) => [tag.key.trim(), tag.value]),
  );
}

/** A workspace's tags for the TagEditor (existing ones can be marked for removal). */
export function editorTags(tags: Readonly<Record<string, string>>): TagEditorProps.Tag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value, existing: true }));
}

/** Maps a zod issue path of the create/update input to the form field that shows it. */
function fieldOf(path: readonly PropertyKey[]): WorkspaceField {
  const [head, second] = path;
  if (head === 'target') {
    if (second === 'profile' || second === 'region' || second === 'accountId') return second;
    return 'targetKind';
  }
  if (head === 'name' || head === 'prefix' || head === 'tags' || head === 'notes') return head;
  return 'name';
}

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** Issues of a record key (`invalid_key`): the key schema's own messages. */
  readonly issues?: readonly Issue[];
}

/** The most specific message of an issue: a record key's own rule rather than "Invalid key in record". */
function messageOf(issue: Issue): string {
  const nested = issue.issues?.[0];
  return nested === undefined ? issue.message : messageOf(nested);
}

/** Field → first message of a failed zod parse. */
function fieldErrors(issues: readonly Issue[]): Partial<Record<WorkspaceField, string>> {
  const errors: Partial<Record<WorkspaceField, string>> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= messageOf(issue);
  }
  return errors;
}

/** Result of validating a draft: the contract's input, or the message of each wrong field. */
export type DraftValidation =
  | { readonly ok: true; readonly input: ChannelInput<'workspaces.create'> }
  | { readonly ok: false; readonly errors: Partial<Record<WorkspaceField, string>> };

/**
 * Validates the draft with the contract's own schema (shared/ipc/workspaces.ts), so the form
 * shows the messages the core would answer. Empty optional fields (account id, prefix) are
 * left out.
 */
export function validateDraft(draft: WorkspaceDraft): DraftValidation {
  const region = draft.region.trim();
  const accountId = draft.accountId.replace(/[\s-]/gu, '');
  const prefix = draft.prefix.trim();
  const candidate = {
    name: draft.name,
    target:
      draft.targetKind === 'sandbox'
        ? { kind: 'sandbox' as const, region }
        : {
            kind: 'aws' as const,
            profile: draft.profile,
            region,
            ...(accountId === '' ? {} : { accountId }),
          },
    ...(prefix === '' ? {} : { prefix }),
    tags: tagsRecord(draft.tags),
    notes: draft.notes,
  };
  const parsed = workspacesChannels['workspaces.create'].input.safeParse(candidate);
  if (parsed.success) return { ok: true, input: candidate };
  return { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/** The editable part of a workspace (rename, notes, tags; the target of an AWS workspace). */
export interface WorkspaceEdit {
  readonly name: string;
  readonly notes: string;
  readonly tags: readonly TagEditorProps.Tag[];
  /** The target fields as typed (AWS workspaces only: profile, region, account id). */
  readonly target?: Pick<WorkspaceDraft, 'targetKind' | 'profile' | 'region' | 'accountId'>;
}

/** The target of a workspace as the form's fields hold it. */
export function targetDraft(
  workspace: Workspace,
): Pick<WorkspaceDraft, 'targetKind' | 'profile' | 'region' | 'accountId'> {
  const target = workspace.target;
  return target.kind === 'aws'
    ? {
        targetKind: 'aws',
        profile: target.profile,
        region: target.region,
        accountId: target.accountId ?? '',
      }
    : { targetKind: 'sandbox', profile: '', region: target.region, accountId: '' };
}

/** Validates an edit with the contract's `workspaces.update` schema. */
export function validateEdit(
  workspace: Workspace,
  edit: WorkspaceEdit,
):
  | { readonly ok: true; readonly input: ChannelInput<'workspaces.update'> }
  | { readonly ok: false; readonly errors: Partial<Record<WorkspaceField, string>> } {
  const accountId = edit.target?.accountId.replace(/[\s-]/gu, '') ?? '';
  const target =
    edit.target === undefined || edit.target.targetKind !== 'aws'
      ? undefined
      : {
          kind: 'aws' as const,
          profile: edit.target.profile,
          region: edit.target.region.trim(),
          ...(accountId === '' ? {} : { accountId }),
        };
  const isSameTarget =
    target === undefined || JSON.stringify(target) === JSON.stringify(workspace.target);
  const candidate = {
    workspaceId: workspace.id,
    name: edit.name,
    notes: edit.notes,
    tags: tagsRecord(edit.tags),
    ...(isSameTarget ? {} : { target }),
  };
  const parsed = workspacesChannels['workspaces.update'].input.safeParse(candidate);
  if (parsed.success) return { ok: true, input: candidate };
  return { ok: false, errors: fieldErrors(parsed.error.issues) };
}
