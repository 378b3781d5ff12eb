/**
 * The constants a new network starts from, and the Soroban settings for each `limits` choice.
 * Genesis follows stellar-core's `startNewLedger` (100 billion XLM in the root account) with the
 * base reserve the official local image upgrades to (0.5 XLM).
 */
import { Networks } from '@stellar/stellar-sdk';
import { HOST_PROTOCOL_VERSION, MAINNET_CONFIG, TESTNET_P26_CONFIG, parseNetworkConfig, type NetworkConfig } from '@sorobox/host';
import unlimited from './config/p26-unlimited.json' with { type: 'json' };
import type { NetworkOptions } from './api.ts';

export const DEFAULT_PASSPHRASE = Networks.STANDALONE;
export const DEFAULT_DATA_DIR = '.sorobox';
export const DATABASE_FILE = 'sorobox.sqlite';
/** Seven days of 5-second ledgers, stellar-rpc's default history retention. */
export const DEFAULT_RETENTION_LEDGERS = 120_960;
/** 2025-01-01T00:00:00Z: close times start in the past so clients' wall-clock time bounds hold. */
export const DEFAULT_GENESIS_CLOSE_TIME = 1_735_689_600n;

/** `GENESIS_LEDGER_TOTAL_COINS`: 100 billion XLM in stroops. */
export const TOTAL_COINS = 1_000_000_000_000_000_000n;
export const BASE_FEE = 100;
/** 0.5 XLM, as the official local network runs after its genesis upgrades. */
export const BASE_RESERVE = 5_000_000;
export const MAX_TX_SET_SIZE = 100;
/** The first protocol with automatic restoration of archived entries (CAP-66). */
export const AUTO_RESTORE_PROTOCOL = 23;
/** The oldest protocol this network implements (meta v4, parallel Soroban phase, CAP-67 events). */
export const MIN_PROTOCOL = 23;

export type Limits = NonNullable<NetworkOptions['limits']>;

const UNLIMITED_CONFIG: NetworkConfig = parseNetworkConfig(unlimited as Parameters<typeof parseNetworkConfig>[0]);

/** The Soroban settings for a `limits` choice. */
export const networkConfigFor = (limits: Limits): NetworkConfig => {
  switch (limits) {
    case 'testnet':
      return TESTNET_P26_CONFIG;
    case 'unlimited':
      return UNLIMITED_CONFIG;
    case 'mainnet':
      return MAINNET_CONFIG;
    default:
      throw new Error(`unknown limits "${String(limits)}": expected testnet, mainnet or unlimited`);
  }
};

/** Seconds between ledger close times: the network's target close time. */
export const secondsPerLedger = (config: NetworkConfig): bigint => BigInt(Math.max(1, Math.round(config.ledgerTargetCloseTimeMs / 1000)));

export const checkProtocol = (protocol: number): number => {
  if (!Number.isInteger(protocol) || protocol < MIN_PROTOCOL || protocol > HOST_PROTOCOL_VERSION) {
    throw new Error(`protocol ${protocol} is not supported: use ${MIN_PROTOCOL} to ${HOST_PROTOCOL_VERSION}`);
  }
  return protocol;
};
