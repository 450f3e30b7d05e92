import Badge from '@cloudscape-design/components/badge';

/**
 * The "unverified estimate" badge beside a cost computed from the studio's price table when its
 * prices are not verified (`isVerified` false, see `shared/rules/prices.ts`): such a figure is
 * never presented as exact. Renders nothing for verified prices.
 */
export function UnverifiedEstimateBadge({
  isVerified,
  testId,
}: {
  isVerified: boolean;
  testId: string;
}) {
  return isVerified ? null : (
    <Badge color="grey" data-testid={testId}>
      unverified estimate
    </Badge>
  );
}
