import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useState } from 'react';
import type { TitlesFile } from '../../../../shared/ipc/recommendations.js';
import { pickIdColumn, type IdColumnMatch } from '../../../../shared/titles-id-column.js';
import { useTitlesColumns, useTitlesIdMatches } from './explore-hooks.js';

/** What the explorer shows items with: chosen name columns and the optional titles file. */
export interface DisplayChoice {
  readonly nameColumns: string[];
  readonly titlesFile?: TitlesFile | undefined;
}

/**
 * `movieId — 9,742 of 9,742 items match`: how many imported items a titles file's id column
 * names; `source` `interactions` (no Items file imported) says the items are the interactions'.
 */
export function idMatchText(
  match: IdColumnMatch,
  itemCount: number,
  source: 'items' | 'interactions' = 'items',
): string {
  const count = (value: number) => value.toLocaleString('en-US');
  const items = source === 'items' ? 'items' : 'items of the interactions';
  return `${match.column} — ${count(match.matched)} of ${count(itemCount)} ${items} match`;
}

/** Props of {@link DisplaySettings}. */
export interface DisplaySettingsProps {
  workspaceId: string;
  /** The metadata columns seen in the items shown so far, offered to name items by. */
  columns: readonly string[];
  display: DisplayChoice;
  onChange: (next: DisplayChoice) => void;
}

/** Display settings: which columns name an item, and a titles file joined for display. */
export function DisplaySettings({ workspaceId, columns, display, onChange }: DisplaySettingsProps) {
  const [pathText, setPathText] = useState(display.titlesFile?.path ?? '');
  const [path, setPath] = useState<string | undefined>(display.titlesFile?.path);
  const keptPath = display.titlesFile?.path;
  useEffect(() => {
    // The kept choice arrives after the first render (read from the workspace).
    if (keptPath !== undefined && path === undefined) {
      setPath(keptPath);
      setPathText(keptPath);
    }
  }, [keptPath, path]);
  const titleColumns = useTitlesColumns(workspaceId, path);
  const readColumns = titleColumns.data?.columns;
  const idMatches = useTitlesIdMatches(workspaceId, path);
  const matches = idMatches.data?.matches;
  // Matches that could not be counted leave the pick to the name.
  const pickMatches = idMatches.isError ? [] : matches;
  useEffect(() => {
    if (path === undefined || readColumns === undefined) return;
    if (display.titlesFile?.path === path && readColumns.includes(display.titlesFile.idColumn))
      return;
    // ITEM_ID at once; else by overlap with the item ids once counted, then by name.
    const idColumn = pickIdColumn(readColumns, pickMatches);
    if (idColumn !== undefined) onChange({ ...display, titlesFile: { path, idColumn } });
    // Runs once per file read (and once its matches are counted), then the user's own choice.
  }, [path, readColumns, pickMatches]);
  const chosenMatch = matches?.find((match) => match.column === display.titlesFile?.idColumn);
  const idOptions = (titleColumns.data?.columns ?? []).map((column) => ({
    value: column,
    label: column,
  }));
  const allColumns = [
    ...new Set(
      [...columns, ...(titleColumns.data?.columns ?? [])].filter(
        (column) => column !== display.titlesFile?.idColumn,
      ),
    ),
  ];
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Which columns name an item; a titles file (e.g. MovieLens movies.csv) can be joined for display only."
        >
          Item display
        </Header>
      }
    >
      <ColumnLayout columns={2}>
        <FormField
          label="Name items by"
          description="Default: a TITLE / NAME / DESCRIPTION column, else the item id."
        >
          <Multiselect
            ariaLabel="Name items by"
            selectedOptions={display.nameColumns.map((column) => ({
              value: column,
              label: column,
            }))}
            options={allColumns.map((column) => ({ value: column, label: column }))}
            placeholder="Automatic"
            onChange={({ detail }) =>
              onChange({
                ...display,
                nameColumns: detail.selectedOptions.flatMap((option) =>
                  option.value === undefined ? [] : [option.value],
                ),
              })
            }
          />
        </FormField>
        <SpaceBetween size="s">
          <FormField
            label="Titles file (optional)"
            errorText={titleColumns.isError ? titleColumns.error.message : undefined}
          >
            <SpaceBetween direction="horizontal" size="xs">
              <Input
                ariaLabel="Titles file path"
                value={pathText}
                placeholder="/path/to/movies.csv"
                onChange={({ detail }) => setPathText(detail.value)}
              />
              <Button onClick={() => setPath(pathText.trim() === '' ? undefined : pathText.trim())}>
                Read columns
              </Button>
            </SpaceBetween>
          </FormField>
          {idOptions.length === 0 ? null : (
            <FormField
              label="Item id column of the titles file"
              description={
                chosenMatch === undefined || idMatches.data === undefined
                  ? undefined
                  : idMatchText(chosenMatch, idMatches.data.itemCount, idMatches.data.source)
              }
            >
              <Select
                ariaLabel="Titles file id column"
                selectedOption={
                  idOptions.find((option) => option.value === display.titlesFile?.idColumn) ?? null
                }
                placeholder="Choose the column that holds ITEM_ID"
                options={idOptions}
                onChange={({ detail }) =>
                  path === undefined || detail.selectedOption.value === undefined
                    ? undefined
                    : onChange({
                        ...display,
                        titlesFile: { path, idColumn: detail.selectedOption.value },
                      })
                }
              />
            </FormField>
          )}
        </SpaceBetween>
      </ColumnLayout>
    </Container>
  );
}
