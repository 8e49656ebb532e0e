/** One entry of packages.yml / dependencies.yml, checked and rendered, with where it was written. */
export type PackageSpec =
  | { kind: 'hub'; package: string; versions: string[]; installPrerelease: boolean; at: SpecOrigin }
  | { kind: 'git'; git: string; gitRaw: string; revision?: string; subdirectory?: string; warnUnpinned: boolean; at: SpecOrigin }
  | { kind: 'tarball'; tarball: string; tarballRaw: string; name: string; at: SpecOrigin }
  | { kind: 'local'; local: string; at: SpecOrigin };

/** Where a spec came from: the file (relative to the root project), the 1-based line, the package that asked for it. */
export interface SpecOrigin {
  file: string;
  line?: number;
  /** The project whose packages.yml holds the entry ('' for the root project). */
  requiredBy: string;
  /** The entry as written (Jinja unrendered): the lock keeps it so that secrets never reach the file. */
  raw: Record<string, unknown>;
}

/** A package pinned to one installable thing: what package-lock.yml holds. */
export type PinnedPackage =
  | { kind: 'hub'; package: string; version: string; latest: string; name: string; tarballUrl: string; at: SpecOrigin }
  | { kind: 'git'; git: string; gitRaw: string; revision: string; subdirectory?: string; name: string; at: SpecOrigin }
  | { kind: 'tarball'; tarball: string; tarballRaw: string; name: string; at: SpecOrigin }
  | { kind: 'local'; local: string; name: string; at: SpecOrigin };

/** A line `tsdbt deps` prints, as dbt's events (`Installing dbt-labs/dbt_utils`, `Up to date!`). */
export interface DepsEvent {
  level: 'info' | 'warn';
  message: string;
}

export interface DepsOptions {
  projectDir?: string;
  /** Re-resolve every package and rewrite package-lock.yml (`--upgrade`). */
  upgrade?: boolean;
  /** Only resolve and write package-lock.yml (`--lock`). */
  lockOnly?: boolean;
  /** `--add-package <name>@<version>`: adds (or updates) the entry in packages.yml before installing. */
  addPackage?: string;
  /** `--source` of `addPackage`: hub (default), git or local. */
  source?: string;
  /** `--dry-run`: as `lockOnly`, after `addPackage` wrote its entry: the files are updated, nothing installed. */
  dryRun?: boolean;
  /** dbt hub's address; default `$DBT_PACKAGE_HUB_URL` or https://hub.getdbt.com/. */
  hubUrl?: string;
  /** `--vars`, for `{{ var() }}` in packages.yml. */
  vars?: Record<string, unknown>;
  onEvent?: (event: DepsEvent) => void;
  /**
   * Aborted on Ctrl-C: the run's work folder (downloads, staging, the previous install set aside) is removed at
   * once, before the caller exits. An install already swapped in stays; one not yet swapped never lands.
   */
  signal?: AbortSignal;
}

export interface DepsResult {
  installed: PinnedPackage[];
  lockWritten: boolean;
  lockPath: string;
}
