/** What a contract can read about the ledger it runs in (`LedgerInfo` in the reference). */
import { hash, Networks } from '@stellar/stellar-sdk';
import { HOST_PROTOCOL_VERSION } from '../env/interface.ts';
import { TESTNET_P26_CONFIG } from '../config/network-config.ts';

export interface LedgerInfo {
  readonly protocolVersion: number;
  readonly sequenceNumber: number;
  /** Seconds since the Unix epoch, from the ledger close time: never the wall clock. */
  readonly timestamp: bigint;
  /** sha256 of the network passphrase. */
  readonly networkId: Uint8Array;
  readonly baseReserve: number;
  readonly minTemporaryTtl: number;
  readonly minPersistentTtl: number;
  readonly maxEntryTtl: number;
}

export const networkIdOf = (passphrase: string): Uint8Array => new Uint8Array(hash(Buffer.from(passphrase)));

const STANDALONE_NETWORK_ID = networkIdOf(Networks.STANDALONE);

export const defaultLedgerInfo = (overrides: Partial<LedgerInfo> = {}): LedgerInfo => ({
  protocolVersion: HOST_PROTOCOL_VERSION,
  sequenceNumber: 1,
  timestamp: 0n,
  networkId: STANDALONE_NETWORK_ID,
  baseReserve: 5_000_000,
  minTemporaryTtl: TESTNET_P26_CONFIG.minTemporaryTtl,
  minPersistentTtl: TESTNET_P26_CONFIG.minPersistentTtl,
  maxEntryTtl: TESTNET_P26_CONFIG.maxEntryTtl,
  ...overrides,
});

/** The last ledger an entry created now may live to (`seq + max_entry_ttl - 1`). */
export const maxLiveUntilLedger = (l: LedgerInfo): number => l.sequenceNumber + l.maxEntryTtl - 1;
