/** The meeting a command aimed at turned out skipped (`/meeting skip`, maybe by another replica): choose the upcoming meeting again. */
export class MeetingSkippedError extends Error {
  override readonly name = "MeetingSkippedError";
}
