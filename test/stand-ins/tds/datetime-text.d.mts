export function datetimeTextCasts(tsql: string): { text: string; columns: Map<string, { name: string; length: number; datetime2Text: number; source: string; fromDatetime?: boolean }> };
export function datetime2Text(days: number, micros: number, precision: number, fromDatetime?: boolean): string;
