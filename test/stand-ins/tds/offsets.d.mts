export const OFFSET_PREFIX: string;
export function offsetColumn(name: string): string;
export function isOffsetColumn(name: string): boolean;
export function withOffsetColumns(sql: string, declared: Map<string, { name: string }>): string;
export function offsetLayout(names: string[], types: Array<{ name: string }>): { at: number[]; offsetAt: Array<number | undefined> };
