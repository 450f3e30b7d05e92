/** The event type the event sender offers when the data names none. */
export const FALLBACK_EVENT_TYPE = 'watch';

/**
 * The event type the event sender starts with: the most frequent EVENT_TYPE of the imported
 * interactions file's profile (`data.profile`'s `eventTypes`, value and row count) when the
 * studio has it, else the most frequent one among the interactions already shown (the explored
 * user's history), else {@link FALLBACK_EVENT_TYPE}. Ties go to the first one listed.
 */
export function defaultEventType(
  profileEventTypes: readonly { value: string; count: number }[] | undefined,
  shownInteractions: readonly { eventType?: string | undefined }[] | undefined,
): string {
  let best: { value: string; count: number } | undefined;
  for (const entry of profileEventTypes ?? [])
    if (entry.value.trim() !== '' && (best === undefined || entry.count > best.count)) best = entry;
  if (best !== undefined) return best.value;
  const counts = new Map<string, number>();
  for (const interaction of shownInteractions ?? []) {
    const type = interaction.eventType?.trim();
    if (type !== undefined && type !== '') counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  let shown: [string, number] | undefined;
  for (const entry of counts) if (shown === undefined || entry[1] > shown[1]) shown = entry;
  return shown?.[0] ?? FALLBACK_EVENT_TYPE;
}
