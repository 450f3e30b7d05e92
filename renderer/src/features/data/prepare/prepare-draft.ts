import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import {
  MAX_PREPARE_DRAFT_FILES,
  WorkspacePrepareDraftsSchema,
} from '../../../../../shared/prepare/prepare-draft.js';
import type { PrepareDatasetType, SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import { invoke } from '../../../api/client.js';
import type { JoinDraft, OutputDraft } from './recipe-form.js';

/**
 * The unsaved Prepare form of one raw file: what the user mapped, fixed and named.
 *
 * Stored by the core as shared/prepare/prepare-draft.ts `PrepareDraftSchema`: reading
 * (`data.getPrepareDrafts`) and saving (`data.setPrepareDrafts`) below only compile while the
 * two shapes agree, so a field added here needs its place in that schema.
 */
export interface PrepareDraft {
  readonly name: string;
  readonly outDir: string;
  /** One draft per dataset type; `isEnabled` says which datasets the file feeds. */
  readonly outputs: readonly OutputDraft[];
  readonly joins: readonly JoinDraft[];
  readonly encoding?: SourceEncoding | undefined;
  readonly tab: PrepareDatasetType;
}

/** A workspace's Prepare form: the raw file last shown, and the draft of each file read. */
export interface WorkspacePrepareDrafts {
  /** The raw file path as typed or chosen ('' when none). */
  readonly sourcePath: string;
  /** The file whose columns were read last (restored by reading it again), if any. */
  readonly readPath?: string | undefined;
  /** Drafts keyed by raw file path, the most recently edited last. */
  readonly files: Readonly<Record<string, PrepareDraft>>;
}

/** How long after the last change of the form it is saved to the core, in ms. */
export const PREPARE_DRAFTS_SAVE_DELAY_MS = 500;

/**
 * Prefix of the localStorage key (`…:<workspaceId>`) under which earlier versions kept a
 * workspace's drafts. Read once: moved to the core when it holds none, then removed.
 */
export const LEGACY_PREPARE_DRAFTS_KEY = 'poc-studio-prepare-drafts';

const EMPTY: WorkspacePrepareDrafts = { sourcePath: '', files: {} };

// The window's copy of each workspace's drafts: leaving the Data step and coming back reads it
// (the step unmounts), with no call to the core.
const memory = new Map<string, WorkspacePrepareDrafts>();
// The JSON of the drafts the core holds, per workspace: a change that restores them saves nothing.
const persisted = new Map<string, string>();
// Workspaces whose drafts could not be read: never saved, so the core's copy is not replaced.
const memoryOnly = new Set<string>();
// Workspaces whose drafts came from localStorage: the key is removed once the core has them.
const migrating = new Set<string>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
// Number of the last save sent per workspace: an older save settling later says nothing.
const sequence = new Map<string, number>();
const inFlight = new Set<Promise<void>>();
const saveErrors = new Map<string, unknown>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function legacyKey(workspaceId: string): string {
  return `${LEGACY_PREPARE_DRAFTS_KEY}:${workspaceId}`;
}

function removeLegacy(workspaceId: string): void {
  try {
    globalThis.localStorage?.removeItem(legacyKey(workspaceId));
  } catch {
    // Storage disabled: nothing was kept there either.
  }
}

/** The drafts an earlier version kept in localStorage, if any are readable. */
function legacyDrafts(workspaceId: string): WorkspacePrepareDrafts | undefined {
  try {
    const text = globalThis.localStorage?.getItem(legacyKey(workspaceId));
    if (text === null || text === undefined) return undefined;
    const parsed = WorkspacePrepareDraftsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Storage disabled, or an entry edited by hand: nothing to move.
    return undefined;
  }
}

function isEmpty(drafts: WorkspacePrepareDrafts): boolean {
  return drafts.sourcePath === '' && Object.keys(drafts.files).length === 0;
}

/** Query key of a workspace's stored Prepare drafts. */
export function prepareDraftsKey(workspaceId: string): readonly [string, string] {
  return ['data.getPrepareDrafts', workspaceId];
}

/**
 * Reads a workspace's drafts from the core once per window (the in-memory copy afterwards);
 * moves drafts an earlier version kept in localStorage to the core when it holds none.
 */
async function readPrepareDrafts(workspaceId: string): Promise<WorkspacePrepareDrafts> {
  const kept = memory.get(workspaceId);
  if (kept !== undefined) return kept;
  let stored: WorkspacePrepareDrafts;
  try {
    stored = (await invoke('data.getPrepareDrafts', { workspaceId })).drafts;
  } catch (error) {
    memoryOnly.add(workspaceId);
    throw error;
  }
  persisted.set(workspaceId, JSON.stringify(stored));
  const legacy = isEmpty(stored) ? legacyDrafts(workspaceId) : undefined;
  if (legacy === undefined) removeLegacy(workspaceId);
  // The form may have changed while the core answered (it shows once this resolves, but a
  // test or another caller may have saved): the window's copy wins.
  const current = memory.get(workspaceId) ?? legacy ?? stored;
  memory.set(workspaceId, current);
  if (legacy !== undefined && current === legacy) {
    migrating.add(workspaceId);
    void sendSave(workspaceId);
  }
  return current;
}

/**
 * The Prepare drafts of a workspace, through TanStack Query: the in-memory copy when this
 * window has one (navigation), else read from the core (`data.getPrepareDrafts`).
 *
 * `drafts` is undefined while the core answers; when it fails, the form starts empty with
 * `error` set, and its changes stay in this window (the stored drafts are not replaced).
 */
export function usePrepareDrafts(workspaceId: string): {
  readonly drafts: WorkspacePrepareDrafts | undefined;
  readonly error: unknown;
} {
  const kept = memory.get(workspaceId);
  const query = useQuery({
    queryKey: prepareDraftsKey(workspaceId),
    queryFn: () => readPrepareDrafts(workspaceId),
    enabled: kept === undefined,
    staleTime: Infinity,
    retry: false,
  });
  if (kept !== undefined) return { drafts: kept, error: undefined };
  if (query.isError) return { drafts: EMPTY, error: query.error };
  return { drafts: query.data, error: undefined };
}

/** The drafts this window holds for a workspace (none before {@link usePrepareDrafts} read them). */
export function keptPrepareDrafts(workspaceId: string): WorkspacePrepareDrafts {
  return memory.get(workspaceId) ?? EMPTY;
}

/**
 * `drafts` with `draft` as the draft of `filePath`, now the most recently edited (last), keeping
 * the drafts of the {@link MAX_PREPARE_DRAFT_FILES} most recently edited files.
 */
export function withFileDraft(
  drafts: WorkspacePrepareDrafts,
  filePath: string,
  draft: PrepareDraft,
): Readonly<Record<string, PrepareDraft>> {
  const others = Object.entries(drafts.files).filter(([key]) => key !== filePath);
  return Object.fromEntries([
    ...others.slice(Math.max(0, others.length - (MAX_PREPARE_DRAFT_FILES - 1))),
    [filePath, draft],
  ]);
}

function onPageHide(): void {
  void flushPrepareDrafts();
}

function onVisibilityChange(): void {
  if (document.visibilityState === 'hidden') void flushPrepareDrafts();
}

// Listened to only while a save waits, so a closed or hidden window sends it at once.
function watchPageHide(isWaiting: boolean): void {
  if (typeof window === 'undefined') return;
  if (isWaiting) {
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibilityChange);
  } else {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  }
}

function cancelTimer(workspaceId: string): void {
  const timer = timers.get(workspaceId);
  if (timer === undefined) return;
  clearTimeout(timer);
  timers.delete(workspaceId);
  if (timers.size === 0) watchPageHide(false);
}

function setSaveError(workspaceId: string, error: unknown): void {
  if (saveErrors.get(workspaceId) === error) return;
  if (error === undefined) saveErrors.delete(workspaceId);
  else saveErrors.set(workspaceId, error);
  notify();
}

/** Sends the window's drafts of a workspace to the core now (`data.setPrepareDrafts`). */
function sendSave(workspaceId: string): Promise<void> {
  cancelTimer(workspaceId);
  const drafts = memory.get(workspaceId);
  if (drafts === undefined) return Promise.resolve();
  const json = JSON.stringify(drafts);
  const number = (sequence.get(workspaceId) ?? 0) + 1;
  sequence.set(workspaceId, number);
  const sent = invoke('data.setPrepareDrafts', { workspaceId, drafts }).then(
    () => {
      persisted.set(workspaceId, json);
      if (migrating.delete(workspaceId)) removeLegacy(workspaceId);
      if (sequence.get(workspaceId) === number) setSaveError(workspaceId, undefined);
    },
    (error: unknown) => {
      if (sequence.get(workspaceId) === number) setSaveError(workspaceId, error);
    },
  );
  inFlight.add(sent);
  void sent.finally(() => inFlight.delete(sent));
  return sent;
}

/**
 * Keeps a workspace's Prepare drafts: in memory at once (navigation), and in the core
 * {@link PREPARE_DRAFTS_SAVE_DELAY_MS} after the last change, or as soon as the window is
 * hidden or closed. A change that leaves the drafts as the core holds them sends nothing; a
 * failed save is said by {@link usePrepareDraftsSaveError}.
 */
export function savePrepareDrafts(workspaceId: string, drafts: WorkspacePrepareDrafts): void {
  memory.set(workspaceId, drafts);
  if (memoryOnly.has(workspaceId)) return;
  cancelTimer(workspaceId);
  if (JSON.stringify(drafts) === persisted.get(workspaceId)) return;
  if (timers.size === 0) watchPageHide(true);
  timers.set(
    workspaceId,
    setTimeout(() => void sendSave(workspaceId), PREPARE_DRAFTS_SAVE_DELAY_MS),
  );
}

/** Sends every waiting save now; resolves once every save sent so far has settled. */
export async function flushPrepareDrafts(): Promise<void> {
  for (const workspaceId of [...timers.keys()]) void sendSave(workspaceId);
  await Promise.all([...inFlight]);
}

/** Why the last save of a workspace's drafts failed (undefined once a save succeeds). */
export function usePrepareDraftsSaveError(workspaceId: string): unknown {
  return useSyncExternalStore(subscribe, () => saveErrors.get(workspaceId));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the window's copies and drops waiting saves (a restart of the window, in tests). */
export function clearPrepareDraftMemory(): void {
  for (const workspaceId of [...timers.keys()]) cancelTimer(workspaceId);
  memory.clear();
  persisted.clear();
  memoryOnly.clear();
  migrating.clear();
  sequence.clear();
  saveErrors.clear();
  notify();
}
