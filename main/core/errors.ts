import type { ActionableError } from '../contract/model';

/** An error core throws when the operator can do something about it. */
export class CompanionError extends Error implements ActionableError {
  readonly code: string;
  readonly hint: string;

  constructor(code: string, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CompanionError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): ActionableError {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}
