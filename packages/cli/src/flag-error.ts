/** Where a bad flag was written, when it was in a file (dbt_project.yml's `flags:`): printed as a coded diagnostic. */
export interface FlagErrorSource {
  code: string;
  /** Folder `file` is relative to (for the source excerpt). */
  projectDir: string;
  file: string;
  line?: number;
  column?: number;
  hint: string;
}

/** A bad flag or DBT_* value, found after yargs' own checks: main() prints it as a usage error (exit 2). */
export class FlagError extends Error {
  constructor(
    message: string,
    readonly source?: FlagErrorSource,
  ) {
    super(message);
  }
}
