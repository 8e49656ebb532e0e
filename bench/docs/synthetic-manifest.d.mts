import type { Manifest } from '@tsdbt/core';
/** A dbt-v12-shaped manifest of N synthetic models (see synthetic-manifest.mjs). */
export function syntheticManifest(modelCount: number): Manifest;
