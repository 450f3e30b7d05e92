import { stat } from 'node:fs/promises';
import {
  assertCsvFile,
  gridRows,
  gridStatus,
  openForGrid,
  previewCsv,
  profileFile,
} from '../../dataprep/index.js';
import { encodingChoiceOf } from '../../dataprep/csv-open.js';
import { isEmptyCsv } from '../../dataprep/csv-format.js';
import { findingToCheck } from '../../../shared/rules/findings.js';
import { readHead } from '../../dataprep/encoding.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { assertSafeDataFile, listDirectory } from './list-directory.js';

/**
 * The `data` domain: the host file browser, the bundled sample, and customer files through
 * dataprep: open (first rows), rows (the grid's pages over the whole file), profile (charts) and
 * preview (counts and the service's checks). Every file is checked as a safe data file first.
 */
export function dataModule(deps: StudioDeps): DomainModule {
  const safe = async (path: string): Promise<void> => {
    await assertSafeDataFile(path);
    await assertCsvFile(path);
  };
  return {
    handlers: {
      'data.listDirectory': (input) => listDirectory(input.directory),
      'data.sample': () =>
        Promise.resolve({
          interactions: deps.samples.interactions,
          items: deps.samples.items,
          users: deps.samples.users,
          description: deps.samples.description,
        }),
      'data.preview': async (input) => {
        await safe(input.path);
        // The version read before the checks: a change during the scan shows as a new version
        // on the next call, which checks the file again.
        const fileStat = await stat(input.path);
        const preview = await previewCsv(
          input.path,
          input.datasetType,
          input.limit,
          input.encoding,
        );
        return { ...preview, version: { sizeBytes: fileStat.size, mtimeMs: fileStat.mtimeMs } };
      },
      'data.open': async (input) => {
        await safe(input.path);
        const open = await openForGrid(input.path, input.encoding);
        const head = await readHead(input.path, 4);
        // An empty file has no columns (DuckDB reads it as one placeholder column0); the
        // checks (data.preview) say "The file is empty".
        const isEmpty = await isEmptyCsv(input.path);
        return {
          path: open.path,
          sizeBytes: open.sizeBytes,
          encoding: open.opened.encoding.encoding,
          encodingChoice: encodingChoiceOf(open.opened, head),
          delimiter: open.opened.delimiter,
          hasHeader: open.opened.sniff.hasHeader,
          quotedHeader: open.opened.quotedHeader,
          columns: isEmpty
            ? []
            : open.opened.columns.map((column) => ({ name: column.name, type: column.type })),
          rows: open.rows,
        };
      },
      'data.rows': async (input) => {
        await safe(input.path);
        return gridRows(input.path, input);
      },
      'data.rowsStatus': async (input) => {
        await safe(input.path);
        return gridStatus(input.path, input);
      },
      'data.profile': async (input) => {
        await safe(input.path);
        const profile = await profileFile(input.path, input.datasetType, input.encoding);
        const tail = (long: NonNullable<typeof profile.users>) => ({
          ...long,
          points: [...long.points],
        });
        return {
          path: profile.path,
          datasetType: profile.datasetType,
          rowCount: profile.rowCount,
          columns: [...profile.columns],
          ...(profile.users === undefined ? {} : { users: tail(profile.users) }),
          ...(profile.items === undefined ? {} : { items: tail(profile.items) }),
          ...(profile.eventTypes === undefined ? {} : { eventTypes: [...profile.eventTypes] }),
          ...(profile.time === undefined
            ? {}
            : { time: { ...profile.time, buckets: [...profile.time.buckets] } }),
          ...(profile.findings === undefined
            ? {}
            : { checks: profile.findings.map(findingToCheck) }),
        };
      },
    },
  };
}
