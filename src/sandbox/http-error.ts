/** GitHub answers errors as `{ message, documentation_url, errors? }`; handlers throw this and the server renders it. */
export interface ValidationErrorItem {
  resource: string;
  code: string;
  field?: string;
  message?: string;
}

export class HttpError extends Error {
  readonly status: number;
  readonly errors: ValidationErrorItem[] | undefined;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    message: string,
    options: { errors?: ValidationErrorItem[]; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }

  body(documentationUrl: string): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
      documentation_url: documentationUrl,
      status: String(this.status),
    };
  }
}

export const notFound = (): HttpError => new HttpError(404, "Not Found");

/** GitHub's 422 for a field-level problem, e.g. a missing title or a label that already exists. */
export function validationFailed(error: ValidationErrorItem): HttpError {
  return new HttpError(422, "Validation Failed", { errors: [error] });
}

/** A misuse of the in-process control API (a test bug, not an HTTP answer). */
export class SandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxError";
  }
}
