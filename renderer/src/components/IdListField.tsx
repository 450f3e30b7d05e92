import FormField from '@cloudscape-design/components/form-field';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import type { ReactNode } from 'react';
import { MAX_ID_LENGTH } from '../../../shared/rules/limits.js';

/** Every id of a pasted list, repeats included: split on commas, semicolons, spaces and new lines. */
export function splitIdText(text: string): string[] {
  return text.split(/[\s,;]+/u).filter((id) => id !== '');
}

/** The ids of a pasted list ({@link splitIdText}), duplicates kept once. */
export function parseIdList(text: string): string[] {
  return [...new Set(splitIdText(text))];
}

/**
 * What is wrong with a pasted id list, or undefined: the first id longer than the service's
 * {@link MAX_ID_LENGTH} (256) characters, named by its line and its start, e.g. `Line 9: the id
 * "aaaa…" has 300 characters; an id has at most 256.`; else more than `max` ids.
 */
export function idListError(text: string, max?: number): string | undefined {
  const lines = text.split(/\r?\n/u);
  for (const [index, line] of lines.entries())
    for (const id of splitIdText(line))
      if (id.length > MAX_ID_LENGTH)
        return `Line ${index + 1}: the id "${id.slice(0, 24)}…" has ${id.length.toLocaleString('en-US')} characters; an id has at most ${MAX_ID_LENGTH}.`;
  if (max !== undefined && parseIdList(text).length > max)
    return `At most ${max.toLocaleString('en-US')} ids.`;
  return undefined;
}

/**
 * A pasted list of user or item ids (Explore's ranking list, the batch job's input ids and
 * items to rank): a textarea under `label` that counts the parsed ids as they are typed and,
 * with `max`, says the limit; shows {@link idListError} (an id too long, too many ids), which the
 * caller's action waits for too.
 *
 * @param value the typed text; parse it with {@link parseIdList}
 * @param max most ids allowed (e.g. 500 for GetPersonalizedRanking's inputList), none when absent
 * @param children shown under the textarea (e.g. a button that fills in sample ids)
 */
export function IdListField({
  label,
  ariaLabel,
  value,
  onChange,
  rows = 4,
  max,
  children,
}: {
  label: string;
  ariaLabel: string;
  value: string;
  onChange: (text: string) => void;
  rows?: number;
  max?: number;
  children?: ReactNode;
}) {
  const count = parseIdList(value).length;
  const limit = max === undefined ? '' : `1 to ${max.toLocaleString('en-US')} ids, `;
  return (
    <FormField
      label={label}
      description={`Commas, spaces or one per line; ${limit}${count.toLocaleString('en-US')} now.`}
      errorText={idListError(value, max)}
    >
      <SpaceBetween size="xs">
        <Textarea
          ariaLabel={ariaLabel}
          value={value}
          rows={rows}
          onChange={({ detail }) => onChange(detail.value)}
        />
        {children}
      </SpaceBetween>
    </FormField>
  );
}
