import type { ActionableError } from '../contract/model';

export type ErrorParams = Record<string, string | number>;

/** An error core throws when the operator can do something about it. */
export class CompanionError extends Error implements ActionableError {
  readonly code: string;
  readonly hint: string;
  /** Values the UI's translation of `code` fills in; `message` stays the English sentence. */
  readonly params: ErrorParams | undefined;

  constructor(
    code: string,
    message: string,
    hint: string,
    options?: { cause?: unknown; params?: ErrorParams },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CompanionError';
    this.code = code;
    this.hint = hint;
    this.params = options?.params;
  }

  toJSON(): ActionableError {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.params ? { params: this.params } : {}),
    };
  }
}

/** An error kept as data (e.g. a spec's binary lookup) raised again, its params included. */
export function fromActionable(error: ActionableError): CompanionError {
  return new CompanionError(
    error.code,
    error.message,
    error.hint,
    error.params ? { params: error.params } : {},
  );
}
