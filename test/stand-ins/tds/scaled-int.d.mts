export function scaledIntCasts(tsql: string): { text: string; columns: Map<string, { name: string; scaledBy: number }> };
