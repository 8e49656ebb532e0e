/** Number formats for the dashboard and the pages. */
export function formatValue(value: number, format: 'currency' | 'count' | 'percent'): string {
  if (format === 'percent') return `${(value * 100).toFixed(1)}%`;
  if (format === 'currency') return value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`;
}
