/** Percentiles and formatting for benchmark reports. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i] as number;
}

export const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 50);

export interface BenchRow { metric: string; value: string; goal: string; ratio: string }

export function row(metric: string, value: number, unit: string, goal: number, better: 'higher' | 'lower'): BenchRow {
  const ratio = better === 'higher' ? value / goal : goal / value;
  return { metric, value: `${value.toFixed(value < 10 ? 2 : 0)} ${unit}`, goal: `${better === 'higher' ? '≥' : '<'} ${goal} ${unit}`, ratio: `${ratio.toFixed(2)}× ${ratio >= 1 ? 'ok' : 'MISSED'}` };
}
