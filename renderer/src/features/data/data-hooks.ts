import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { EncodingChoice } from '../../../../shared/ipc/data.js';
import type { DataPreview } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';

/*
 * The Data step's queries of a file (open, checks, profile), apart from the preview's components
 * so that other steps can read them without loading the grid and chart libraries.
 */

/** Dataset types of the Data step's file slots. */
export type DatasetType = 'interactions' | 'items' | 'users';

/** Distinct count of the first column whose name matches `name` case-insensitively. */
export function distinctOf(preview: DataPreview, name: string): number | undefined {
  const key = Object.keys(preview.distinct).find((column) => column.toUpperCase() === name);
  return key === undefined ? undefined : preview.distinct[key];
}

/** The file opened for the grid (layout and first rows, no full scan). */
export function useOpenFile(path: string, encoding?: EncodingChoice) {
  return useQuery({
    queryKey: ['data.open', path, encoding ?? 'detected'],
    queryFn: () => invoke('data.open', encoding === undefined ? { path } : { path, encoding }),
    staleTime: 0,
  });
}

/** Counts and the service's checks (one validation scan, cached by the host per file version). */
export function useChecks(
  path: string,
  datasetType: DatasetType,
  encoding?: EncodingChoice,
  options: { readonly enabled?: boolean } = {},
) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: ['preview', datasetType, path, encoding ?? 'detected'],
    queryFn: () =>
      invoke('data.preview', {
        path,
        datasetType,
        limit: 1,
        ...(encoding === undefined ? {} : { encoding }),
      }),
    // Checked again each time the window gets the focus back (the file may have been edited
    // meanwhile): the host answers from its cache while the file's size and mtime are the same.
    staleTime: 0,
    refetchOnWindowFocus: 'always',
  });
}

/** A file version as the checks report it (`data.preview`'s `version`). */
export interface FileVersion {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/**
 * Whether the checks of `path` now read another version of the file than the first checks
 * shown for it (the file changed on disk since it was chosen): `changedAt` counts the changes
 * seen (0: none), so that a caller can read the file again on each one.
 */
export function useChangedOnDisk(
  path: string,
  version: FileVersion | undefined,
): { readonly changedAt: number } {
  const [seen, setSeen] = useState<{ path: string; version: string; changes: number }>();
  const key = version === undefined ? undefined : `${version.sizeBytes}:${version.mtimeMs}`;
  if (key !== undefined && (seen?.path !== path || seen.version !== key)) {
    // Derived from the answer: set while rendering, React renders again at once.
    setSeen({ path, version: key, changes: seen?.path === path ? seen.changes + 1 : 0 });
  }
  return { changedAt: seen?.path === path ? seen.changes : 0 };
}

/** The query key of a file's profile (`data.profile`) read with `encoding` (default: detected). */
export function profileQueryKey(
  datasetType: DatasetType,
  path: string,
  encoding?: EncodingChoice,
): readonly unknown[] {
  return ['data.profile', datasetType, path, encoding ?? 'detected'];
}

/** The exact profile for the charts and the column table. */
export function useProfile(
  path: string,
  datasetType: DatasetType,
  enabled: boolean,
  encoding?: EncodingChoice,
) {
  return useQuery({
    queryKey: profileQueryKey(datasetType, path, encoding),
    queryFn: () =>
      invoke('data.profile', {
        path,
        datasetType,
        ...(encoding === undefined ? {} : { encoding }),
      }),
    enabled,
  });
}
