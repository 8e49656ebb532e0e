/**
 * The slice of core's compiler API the runner uses, in one place: parse, compile, render, call macros, select.
 */
export { parseProject, compileNode, renderSql, callMacro, writeManifest, selectNodes, loadProjectSelectors } from '@tsdbt/core';
export type { ParsedProject as Project, RenderRuntime, ParseOptions } from '@tsdbt/core';
