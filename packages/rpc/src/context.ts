/** What every method handler reads: the network and how this server presents it. */
import type { Network } from '@sorobox/network';

export interface VersionInfo {
  readonly version: string;
  readonly commitHash: string;
  readonly buildTimestamp: string;
  readonly captiveCoreVersion: string;
}

export interface RpcContext {
  readonly network: Network;
  /** Full URL of this server's friendbot, or undefined when it has none. */
  readonly friendbotUrl: () => string | undefined;
  /** History window in ledgers (getHealth's `ledgerRetentionWindow`). */
  readonly retentionWindow: number;
  readonly version: VersionInfo;
}

/** The range of ledgers the network keeps, with close times, as every history method reports it. */
export const ledgerRange = (ctx: RpcContext) => {
  const latest = ctx.network.latestLedger();
  const oldest = ctx.network.oldestLedger();
  return {
    latestLedger: latest.sequence,
    latestLedgerCloseTime: latest.closeTime,
    oldestLedger: oldest.sequence,
    oldestLedgerCloseTime: oldest.closeTime,
  };
};
