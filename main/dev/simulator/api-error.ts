// The gateway's error envelope (§2.0): every handler error is one of these.
export type ErrorCategory =
  'auth' | 'validation' | 'policy' | 'not_found' | 'conflict' | 'dependency' | 'availability' | 'internal';

export interface ValidationIssue {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly category: ErrorCategory,
    readonly retryable: boolean,
    message: string,
    readonly validationErrors: ValidationIssue[] = [],
  ) {
    super(message);
  }

  envelope(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      error: this.message,
      code: this.code,
      category: this.category,
      retryable: this.retryable,
      redacted: false,
    };
    if (this.validationErrors.length > 0) body.validation_errors = this.validationErrors;
    return body;
  }
}

export const apiErrors = {
  unauthorized: (message: string) => new ApiError(401, 'unauthorized', 'auth', false, message),
  forbidden: (message: string) => new ApiError(403, 'forbidden', 'policy', false, message),
  invalid: (message: string, field?: string) =>
    new ApiError(
      400,
      'validation_error',
      'validation',
      false,
      message,
      field ? [{ field, code: 'invalid', message }] : [],
    ),
  precondition: (message: string) => new ApiError(412, 'failed_precondition', 'dependency', false, message),
  conflict: (message: string) => new ApiError(409, 'already_exists', 'conflict', false, message),
  notFound: (message: string) => new ApiError(404, 'not_found', 'not_found', false, message),
  rateLimited: (message: string) => new ApiError(429, 'rate_limited', 'availability', true, message),
  unavailable: (message: string) => new ApiError(503, 'service_unavailable', 'availability', true, message),
};

/** axum's Json extractor answers body errors in plain text, not with the envelope. */
export class PlainTextRejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
