/** What one invocation did, for the bin to print. */
export interface RunResult { target: string; action: 'generated' | 'advanced' | 'loaded'; rows: Record<string, number> }
