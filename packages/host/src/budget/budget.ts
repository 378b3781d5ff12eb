/**
 * The budget: CPU instructions and memory bytes charged per `ContractCostType` with the network's
 * cost parameters (`soroban-env-host/src/budget.rs`). Metered, never timed: the same work always
 * costs the same.
 */
import type { CostParam, NetworkConfig } from '../config/network-config.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { COST_TYPE_COUNT, CostType } from './cost-type.ts';

/** Linear terms are fixed point with 7 fractional bits (`COST_MODEL_LIN_TERM_SCALE_BITS`). */
const LIN_TERM_SCALE = 128;

export interface BudgetLimits {
  readonly cpuInstructions: number;
  readonly memoryBytes: number;
}

export interface CostTypeUsage {
  readonly type: CostType;
  readonly count: number;
  readonly cpu: number;
  readonly mem: number;
}

export interface BudgetReport {
  readonly cpuInstructions: number;
  readonly memoryBytes: number;
  readonly limits: BudgetLimits;
  /** Only the cost types that were charged. */
  readonly byType: readonly CostTypeUsage[];
}

const evaluate = (p: CostParam, input: number): number =>
  p.linearTerm === 0 ? p.constTerm : p.constTerm + Math.floor((p.linearTerm * input) / LIN_TERM_SCALE);

export class Budget {
  cpuUsed = 0;
  memUsed = 0;
  readonly limits: BudgetLimits;
  private readonly cpuParams: readonly CostParam[];
  private readonly memParams: readonly CostParam[];
  /** Above zero while diagnostic work runs: the reference charges it to a free shadow budget. */
  private shadowDepth = 0;
  private readonly counts = new Float64Array(COST_TYPE_COUNT);
  private readonly cpuByType = new Float64Array(COST_TYPE_COUNT);
  private readonly memByType = new Float64Array(COST_TYPE_COUNT);

  constructor(config: NetworkConfig, limits?: Partial<BudgetLimits>) {
    this.cpuParams = config.cpuCostParams;
    this.memParams = config.memCostParams;
    this.limits = {
      cpuInstructions: limits?.cpuInstructions ?? config.txMaxInstructions,
      memoryBytes: limits?.memoryBytes ?? config.txMemoryLimit,
    };
  }

  /** Charges `iterations` runs of `type` with input size `input`; fails once a limit is passed. */
  charge(type: CostType, input = 0, iterations = 1): void {
    if (this.shadowDepth > 0) return;
    const cpu = evaluate(this.cpuParams[type], input) * iterations;
    const mem = evaluate(this.memParams[type], input) * iterations;
    this.counts[type] += iterations;
    this.cpuByType[type] += cpu;
    this.memByType[type] += mem;
    this.cpuUsed += cpu;
    this.memUsed += mem;
    this.checkLimits();
  }

  /**
   * Runs diagnostic work (debug events, logs) without charging it, so that turning diagnostics on
   * never changes what a transaction costs.
   */
  shadow<T>(run: () => T): T {
    this.shadowDepth++;
    try {
      return run();
    } finally {
      this.shadowDepth--;
    }
  }

  /** Cost of one run without charging it (for fuel conversion). */
  cpuCost(type: CostType, input = 0): number {
    return evaluate(this.cpuParams[type], input);
  }

  checkLimits(): void {
    if (this.cpuUsed > this.limits.cpuInstructions)
      throw hostError(
        ErrorType.Budget,
        ErrorCode.ExceededLimit,
        `cpu limit exceeded: ${this.cpuUsed} > ${this.limits.cpuInstructions} instructions`,
      );
    if (this.memUsed > this.limits.memoryBytes)
      throw hostError(
        ErrorType.Budget,
        ErrorCode.ExceededLimit,
        `memory limit exceeded: ${this.memUsed} > ${this.limits.memoryBytes} bytes`,
      );
  }

  cpuRemaining(): number {
    return Math.max(0, this.limits.cpuInstructions - this.cpuUsed);
  }

  memRemaining(): number {
    return Math.max(0, this.limits.memoryBytes - this.memUsed);
  }

  report(): BudgetReport {
    const byType: CostTypeUsage[] = [];
    for (let t = 0; t < COST_TYPE_COUNT; t++)
      if (this.counts[t] > 0)
        byType.push({ type: t, count: this.counts[t], cpu: this.cpuByType[t], mem: this.memByType[t] });
    return { cpuInstructions: this.cpuUsed, memoryBytes: this.memUsed, limits: this.limits, byType };
  }
}
