import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';

type DatasetType = 'interactions' | 'items' | 'users';

/** The guide's file slots. */
export type FileSlots = Partial<Record<DatasetType, string>>;

/** What `data.sample` answers: the sample POC's files and what they are. */
export type SampleFiles = ChannelOutput<'data.sample'>;

/** One filled slot the sample would change: the file it holds and what it would hold. */
export interface ReplacedFile {
  readonly datasetType: DatasetType;
  readonly path: string;
  /** The sample's file for the slot; undefined when the sample has none (the slot is emptied). */
  readonly samplePath: string | undefined;
}

/** The filled slots that loading `sample` would replace or empty, in slot order. */
export function filesReplacedBySample(files: FileSlots, sample: FileSlots): ReplacedFile[] {
  return (['interactions', 'items', 'users'] as const).flatMap((datasetType) => {
    const path = files[datasetType];
    return path === undefined || path === sample[datasetType]
      ? []
      : [{ datasetType, path, samplePath: sample[datasetType] }];
  });
}

/**
 * "Use the sample POC": reads the sample's files and hands them to `onUse`; when a file slot
 * holds another file, it first asks in a modal that names each file the sample would replace (the
 * files themselves stay where they are).
 */
export function UseSampleButton({
  files,
  onUse,
  onError,
}: {
  /** What the slots hold now. */
  files: FileSlots;
  /** Puts the sample in the slots. */
  onUse: (sample: SampleFiles) => Promise<void>;
  /** Called with why the sample could not be read or set. */
  onError: (error: unknown) => void;
}) {
  const [isLoading, setLoading] = useState(false);
  const [pending, setPending] = useState<
    { sample: SampleFiles; replaced: ReplacedFile[] } | undefined
  >();

  const use = async (sample: SampleFiles): Promise<void> => {
    setLoading(true);
    try {
      await onUse(sample);
    } catch (error) {
      onError(error);
    } finally {
      setLoading(false);
    }
  };

  const start = async (): Promise<void> => {
    setLoading(true);
    let sample: SampleFiles;
    try {
      sample = await invoke('data.sample', {});
    } catch (error) {
      onError(error);
      setLoading(false);
      return;
    }
    const replaced = filesReplacedBySample(files, sample);
    if (replaced.length > 0) {
      setLoading(false);
      setPending({ sample, replaced });
      return;
    }
    await use(sample);
  };

  return (
    <>
      <Button
        onClick={() => void start()}
        loading={isLoading}
        iconName="file-open"
        data-testid="use-sample"
      >
        Use the sample POC
      </Button>
      {pending === undefined ? null : (
        <Modal
          visible
          onDismiss={() => setPending(undefined)}
          header="Replace the chosen files with the sample?"
          footer={
            <Box float="right">
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" onClick={() => setPending(undefined)}>
                  Keep my files
                </Button>
                <Button
                  variant="primary"
                  data-testid="confirm-use-sample"
                  onClick={() => {
                    setPending(undefined);
                    void use(pending.sample);
                  }}
                >
                  Use the sample
                </Button>
              </SpaceBetween>
            </Box>
          }
        >
          <SpaceBetween size="s">
            <Box variant="p">
              The sample POC takes the place of{' '}
              {pending.replaced.length === 1 ? 'this file' : 'these files'} in the workspace. The
              files themselves stay where they are; choose them again to get them back.
            </Box>
            <ul data-testid="sample-replaces">
              {pending.replaced.map((file) => (
                <li key={file.datasetType}>
                  <Box variant="span" fontWeight="bold">
                    {file.datasetType}
                  </Box>
                  : <span style={{ overflowWrap: 'anywhere' }}>{file.path}</span>
                  {file.samplePath === undefined
                    ? ' (the sample has none: the slot is emptied)'
                    : ''}
                </li>
              ))}
            </ul>
          </SpaceBetween>
        </Modal>
      )}
    </>
  );
}
