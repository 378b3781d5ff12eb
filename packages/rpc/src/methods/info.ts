/** The methods that describe the node: getHealth, getNetwork, getVersionInfo, getLatestLedger, getFeeStats. */
import type { Methods } from '../jsonrpc.ts';
import type { RpcContext } from '../context.ts';

/** stellar-rpc's fee distribution: nearest-rank percentiles, the mode the longest run of equal fees (first on ties). */
export const feeDistribution = (fees: readonly number[], ledgerCount: number) => {
  const sorted = [...fees].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) {
    const zero = '0';
    return {
      max: zero,
      min: zero,
      mode: zero,
      p10: zero,
      p20: zero,
      p30: zero,
      p40: zero,
      p50: zero,
      p60: zero,
      p70: zero,
      p80: zero,
      p90: zero,
      p95: zero,
      p99: zero,
      transactionCount: zero,
      ledgerCount: 0,
    };
  }
  let mode = sorted[0];
  let best = 0;
  let run = 0;
  for (let i = 1; i < n; i++) {
    if (sorted[i] === sorted[i - 1]) {
      run++;
      continue;
    }
    if (run > best) [best, mode] = [run, sorted[i - 1]];
    run = 0;
  }
  if (run > best) mode = sorted[n - 1];
  const percentile = (p: number) => String(sorted[Math.ceil((p * n) / 100) - 1]);
  return {
    max: String(sorted[n - 1]),
    min: String(sorted[0]),
    mode: String(mode),
    p10: percentile(10),
    p20: percentile(20),
    p30: percentile(30),
    p40: percentile(40),
    p50: percentile(50),
    p60: percentile(60),
    p70: percentile(70),
    p80: percentile(80),
    p90: percentile(90),
    p95: percentile(95),
    p99: percentile(99),
    transactionCount: String(n),
    ledgerCount,
  };
};

export const infoMethods = (ctx: RpcContext): Methods => ({
  getHealth: () => {
    const latest = ctx.network.latestLedger().sequence;
    return {
      status: 'healthy',
      latestLedger: latest,
      oldestLedger: ctx.network.oldestLedger().sequence,
      ledgerRetentionWindow: ctx.retentionWindow,
    };
  },

  getNetwork: () => {
    const friendbotUrl = ctx.friendbotUrl();
    return {
      ...(friendbotUrl ? { friendbotUrl } : {}),
      passphrase: ctx.network.passphrase,
      protocolVersion: ctx.network.latestLedger().protocolVersion,
    };
  },

  getVersionInfo: () => ({ ...ctx.version, protocolVersion: ctx.network.latestLedger().protocolVersion }),

  getLatestLedger: () => {
    const latest = ctx.network.latestLedger();
    return {
      id: latest.hash,
      protocolVersion: latest.protocolVersion,
      sequence: latest.sequence,
      closeTime: String(latest.closeTime),
      headerXdr: latest.headerXdr.header.toXdr('base64'),
      metadataXdr: latest.metaXdr.toXdr('base64'),
    };
  },

  getFeeStats: () => {
    const stats = ctx.network.feeStats();
    return {
      sorobanInclusionFee: feeDistribution(stats.sorobanInclusionFee, stats.ledgerCount.soroban),
      inclusionFee: feeDistribution(stats.inclusionFee, stats.ledgerCount.classic),
      latestLedger: stats.latestLedger,
    };
  },
});
