import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { RuleDatasetType } from '../../../../shared/rules/dataset-rules.js';
import {
  compareSchemaFields,
  lintSchema,
  SCHEMA_RECORD_NAMES,
  withArticle,
} from '../../../../shared/rules/schema-rules.js';
import { invoke } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SchemaForm, schemaText } from './SchemaForm.js';
import { SchemaJsonEditor } from './SchemaJsonEditor.js';

const SEVERITY_STATUS = { error: 'error', warning: 'warning', info: 'info' } as const;

/** The lint findings of a schema, each with the rule it applies and why. */
function SchemaFindings({ text, datasetType }: { text: string; datasetType: RuleDatasetType }) {
  const findings = lintSchema(text, datasetType).findings;
  if (findings.length === 0)
    return (
      <StatusIndicator type="success" data-testid={`schema-ok-${datasetType}`}>
        The schema follows every rule of {withArticle(datasetType)} schema.
      </StatusIndicator>
    );
  return (
    <SpaceBetween size="xs" data-testid={`schema-findings-${datasetType}`}>
      {findings.map((finding, index) => (
        <div key={`${finding.code}-${index}`} data-code={finding.code}>
          <StatusIndicator type={SEVERITY_STATUS[finding.severity]}>
            {finding.message}
          </StatusIndicator>
          <Box variant="small" color="text-body-secondary" padding={{ left: 'l' }}>
            {finding.explanation} <span title="The rule's code">({finding.code})</span>
          </Box>
        </div>
      ))}
    </SpaceBetween>
  );
}

/** Compares the edited schema with a schema of the account, field by field, and offers it for reuse. */
function AccountSchemas({
  workspaceId,
  datasetType,
  text,
  onUse,
}: {
  workspaceId: string;
  datasetType: RuleDatasetType;
  text: string;
  /** Replaces the edited schema with the chosen one; absent when the schema cannot change. */
  onUse: ((text: string) => void) | undefined;
}) {
  const listed = useQuery({
    queryKey: ['schemas', workspaceId],
    queryFn: () => invoke('schemas.list', { workspaceId }),
  });
  const [chosenArn, setChosenArn] = useState<string>();
  const candidates = (listed.data?.schemas ?? []).filter(
    (schema) => schema.datasetType === undefined || schema.datasetType === datasetType,
  );
  const chosen = candidates.find((schema) => schema.schemaArn === chosenArn);
  const differences = useMemo(
    () =>
      chosen === undefined
        ? []
        : compareSchemaFields(
            lintSchema(chosen.schema, datasetType).fields,
            lintSchema(text, datasetType).fields,
          ),
    [chosen, text, datasetType],
  );
  if (listed.isError)
    return <ErrorAlert header="The account's schemas could not be listed" error={listed.error} />;
  return (
    <SpaceBetween size="s">
      <Select
        ariaLabel={`Schema in the account to compare (${datasetType})`}
        placeholder={
          listed.isLoading
            ? 'Listing the schemas of the account…'
            : candidates.length === 0
              ? 'No schema of this type in the account yet'
              : 'Compare with a schema in the account'
        }
        disabled={candidates.length === 0}
        selectedOption={
          chosen === undefined ? null : { label: chosen.name, value: chosen.schemaArn }
        }
        options={candidates.map((schema) => ({
          label: schema.name,
          value: schema.schemaArn,
          description: schema.schemaArn,
        }))}
        onChange={({ detail }) => setChosenArn(detail.selectedOption.value)}
      />
      {chosen === undefined ? null : (
        <Table
          variant="embedded"
          data-testid={`schema-diff-${datasetType}`}
          items={differences}
          trackBy="name"
          header={
            <Box variant="h4">
              {differences.every((difference) => difference.change === 'same')
                ? `Same fields as ${chosen.name}: it can be reused.`
                : `${differences.filter((difference) => difference.change !== 'same').length} field(s) differ from ${chosen.name}`}
            </Box>
          }
          columnDefinitions={[
            { id: 'name', header: 'Field', cell: (item) => item.name },
            {
              id: 'change',
              header: 'In the account → edited',
              cell: (item) =>
                item.change === 'same' ? (
                  <StatusIndicator type="success">same</StatusIndicator>
                ) : (
                  <StatusIndicator type={item.change === 'changed' ? 'warning' : 'info'}>
                    {item.change === 'added'
                      ? 'only in the edited schema'
                      : item.change === 'removed'
                        ? 'only in the account'
                        : 'changed'}
                  </StatusIndicator>
                ),
            },
            { id: 'details', header: 'Details', cell: (item) => item.details.join(', ') },
          ]}
          footer={
            onUse === undefined ? undefined : (
              <Button onClick={() => onUse(JSON.stringify(JSON.parse(chosen.schema), null, 2))}>
                Use {chosen.name}
              </Button>
            )
          }
        />
      )}
    </SpaceBetween>
  );
}

/**
 * A schema as a form and as JSON (CodeMirror with lint markers), the rules it breaks with their
 * explanations, and the account's schemas to compare and reuse. Both views edit `value`, unless
 * `isReadOnly` (the schema of a dataset that exists: the service cannot change it in place).
 */
export function SchemaEditor({
  datasetType,
  value,
  onChange,
  workspaceId,
  isReadOnly = false,
}: {
  datasetType: RuleDatasetType;
  value: string;
  onChange: (text: string) => void;
  workspaceId: string;
  isReadOnly?: boolean;
}) {
  const [tab, setTab] = useState('form');
  const lint = lintSchema(value, datasetType);
  const parses = !lint.findings.some((finding) =>
    ['schema.json', 'schema.notRecord', 'schema.noFields', 'field.type'].includes(finding.code),
  );
  return (
    <SpaceBetween size="m">
      <Tabs
        activeTabId={tab}
        onChange={({ detail }) => setTab(detail.activeTabId)}
        ariaLabel={`${datasetType} schema views`}
        tabs={[
          {
            id: 'form',
            label: 'Form',
            content: parses ? (
              <SchemaForm
                fields={lint.fields}
                datasetType={datasetType}
                isReadOnly={isReadOnly}
                onChange={(fields) =>
                  onChange(schemaText(SCHEMA_RECORD_NAMES[datasetType], fields))
                }
              />
            ) : (
              <Box color="text-status-error">
                Fix the JSON first: the form shows a schema whose fields can be read.
              </Box>
            ),
          },
          {
            id: 'json',
            label: 'JSON',
            content: (
              <SchemaJsonEditor
                value={value}
                onChange={onChange}
                datasetType={datasetType}
                ariaLabel={`${datasetType} schema JSON`}
                isReadOnly={isReadOnly}
              />
            ),
          },
        ]}
      />
      <ColumnLayout columns={2}>
        <SchemaFindings text={value} datasetType={datasetType} />
        <ExpandableSection headerText="Schemas in the account" variant="footer">
          <AccountSchemas
            workspaceId={workspaceId}
            datasetType={datasetType}
            text={value}
            onUse={isReadOnly ? undefined : onChange}
          />
        </ExpandableSection>
      </ColumnLayout>
    </SpaceBetween>
  );
}
