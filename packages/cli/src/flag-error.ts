/** A bad flag or DBT_* value, found after yargs' own checks: main() prints it as a usage error (exit 2). */
export class FlagError extends Error {}
