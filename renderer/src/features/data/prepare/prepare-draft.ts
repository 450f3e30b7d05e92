import type { PrepareDatasetType, SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import type { JoinDraft, OutputDraft } from './recipe-form.js';

/** The unsaved Prepare form of one raw file: what the user mapped, fixed and named. */
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
  /** Drafts keyed by raw file path. */
  readonly files: Readonly<Record<string, PrepareDraft>>;
}

/** Prefix of the localStorage key of a workspace's drafts (`…:<workspaceId>`). */
export const PREPARE_DRAFTS_KEY = 'poc-studio-prepare-drafts';

const EMPTY: WorkspacePrepareDrafts = { sourcePath: '', files: {} };

// Kept beside the storage so that leaving the Data step and coming back needs no parse.
const memory = new Map<string, WorkspacePrepareDrafts>();

function storageKey(workspaceId: string): string {
  return `${PREPARE_DRAFTS_KEY}:${workspaceId}`;
}

/**
 * The Prepare drafts of a workspace: kept in memory across navigation (the Data step unmounts
 * when another step is shown) and in localStorage across a reload or restart of the window.
 * Never throws (storage disabled or unreadable: the in-memory copy, else none).
 */
export function loadPrepareDrafts(workspaceId: string): WorkspacePrepareDrafts {
  const kept = memory.get(workspaceId);
  if (kept !== undefined) return kept;
  try {
    const text = globalThis.localStorage?.getItem(storageKey(workspaceId));
    if (text !== null && text !== undefined) {
      const value = JSON.parse(text) as WorkspacePrepareDrafts;
      if (typeof value.sourcePath === 'string' && typeof value.files === 'object') {
        memory.set(workspaceId, value);
        return value;
      }
    }
  } catch {
    // An unreadable entry (edited by hand, an older shape): start without drafts.
  }
  return EMPTY;
}

/**
 * Stores a workspace's Prepare drafts (memory and localStorage; storage errors such as a full
 * quota leave the in-memory copy, which still survives navigation).
 */
export function savePrepareDrafts(workspaceId: string, drafts: WorkspacePrepareDrafts): void {
  memory.set(workspaceId, drafts);
  try {
    globalThis.localStorage?.setItem(storageKey(workspaceId), JSON.stringify(drafts));
  } catch {
    // Storage disabled or full: the in-memory copy keeps the draft for this session.
  }
}

/** Forgets the in-memory copies (a restart of the window, in tests). */
export function clearPrepareDraftMemory(): void {
  memory.clear();
}
