/**
 * GitHub refuses an issue body longer than this: 422 "body is too long (maximum is 65536
 * characters)". The app measures bodies in UTF-16 code units (`string.length`), which is never
 * less than a count of characters, so a body that fits by this measure fits on GitHub.
 */
export const MAX_ISSUE_BODY_LENGTH = 65_536;

/** `65,536`, as messages write it. */
export const MAX_ISSUE_BODY_TEXT = MAX_ISSUE_BODY_LENGTH.toLocaleString("en-US");
