import Alert from '@cloudscape-design/components/alert';

/** Props of {@link ColdUserAlert}. */
export interface ColdUserAlertProps {
  /** The user asked for, who has no interactions in the data. */
  userId: string;
}

/** Warns that a user has no interactions: the campaign answers with popular items, not personal ones. */
export function ColdUserAlert({ userId }: ColdUserAlertProps) {
  return (
    <Alert type="warning" header="Cold user" data-testid="cold-user-alert">
      {`User ${userId} is not in the interactions data (a cold user): Personalize answers with popular items, not personalized ones. Pick a user of the file (see Heavy / Light) to see personalization.`}
    </Alert>
  );
}
