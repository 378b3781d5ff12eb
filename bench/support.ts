/** Shared timing helpers for benchmarks (never used by tests: tests are not timed). */
import { performance } from 'node:perf_hooks';

export const measure = (iterations: number, run: () => void): { perSecond: number; microsEach: number } => {
  for (let i = 0; i < Math.min(1000, iterations); i++) run(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run();
  const ms = performance.now() - start;
  return { perSecond: Math.round((iterations / ms) * 1000), microsEach: Number(((ms * 1000) / iterations).toFixed(2)) };
};

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
