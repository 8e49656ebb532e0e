/** A usage or runtime failure with a stable code; the bin prints `code: message` and exits, never a stack. */
export class SampleDataError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SampleDataError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}
