/**
 * Soroban test helpers: a contract installed straight into the ledger, and InvokeHostFunction
 * transactions with a footprint and resources found by a recording run of the host (what
 * simulation does), plus a generous refundable fee.
 */
import { Keypair, Operation, StrKey, xdr, type Transaction } from '@stellar/stellar-sdk';
import {
  MemorySnapshot,
  applyHostFunction,
  computeTransactionResourceFee,
  contractKeys,
  feeConfigFromNetwork,
  installContract,
} from '@sorobox/host';
import { FIXTURE } from '../../../host/test/support/ledger.ts';
import type { Network } from '../../src/index.ts';
import { buildTx } from './harness.ts';

export interface Installed {
  readonly id: Uint8Array;
  readonly address: string;
  readonly instanceKey: xdr.LedgerKey;
  readonly codeKey: xdr.LedgerKey;
}

/** Writes a contract's code and instance entries (the storage fixture by default). */
export const install = (net: Network, id: Uint8Array, wasm: Uint8Array = FIXTURE, liveUntil?: number): Installed => {
  const snapshot = new MemorySnapshot();
  const until = liveUntil ?? net.latestLedger().sequence + 10_000;
  const hash = installContract(snapshot, id, wasm, { liveUntilLedger: until });
  const { instance, code } = contractKeys(id, hash);
  for (const key of [code, instance]) {
    const e = snapshot.get(key)!;
    net.setLedgerEntry(e.entry, until);
  }
  return { id, address: StrKey.encodeContract(Buffer.from(id)), instanceKey: instance, codeKey: code };
};

export const invokeContract = (address: string, fn: string, args: xdr.ScVal[]): xdr.HostFunction =>
  xdr.HostFunction.fromXdrObject({
    type: 0,
    invokeContract: {
      contractAddress: { type: 1, contractId: StrKey.decodeContract(address) },
      functionName: new xdr.XdrString(fn),
      args: args.map((a) => a.toXdrObject()),
    },
  });

export interface PrepareOptions {
  /** Added to the resource fee for rent and events (default 1 XLM). */
  readonly refundableMargin?: bigint;
  readonly instructions?: number;
  /** Override the declared resource fee. */
  readonly resourceFee?: bigint;
  /** Restore the archived entries the run needs (`archivedSorobanEntries`); default true. */
  readonly restore?: boolean;
  /** Build the transaction even when the recording run fails (its footprint is still recorded). */
  readonly failing?: boolean;
}

export interface Prepared {
  readonly tx: Transaction;
  readonly soroban: xdr.SorobanTransactionDataWire;
  /** Archived entries the transaction restores. */
  readonly restored: readonly xdr.LedgerKey[];
}

const keyHex = (k: xdr.LedgerKey): string => Buffer.from(k.toXdr()).toString('hex');

/** An InvokeHostFunction transaction with the footprint a recording run needs. */
export const prepareInvoke = (net: Network, source: Keypair, hostFunction: xdr.HostFunction, options: PrepareOptions = {}): Prepared => {
  const run = applyHostFunction(
    { hostFunction, snapshot: net.snapshot(), sourceAccount: source.publicKey() },
    { ledger: net.ledgerInfo(), config: net.config },
  );
  if (!run.outcome.ok && !options.failing) throw new Error(`the recording run failed: ${run.outcome.message}`);
  const sort = (keys: readonly xdr.LedgerKey[]) => [...keys].sort((a, b) => (keyHex(a) < keyHex(b) ? -1 : 1));
  const readOnly = sort(run.footprint.readOnly);
  const readWrite = sort(run.footprint.readWrite);
  const restoredHex = new Set(run.restored.map(keyHex));
  const archived = options.restore === false ? [] : readWrite.flatMap((k, i) => (restoredHex.has(keyHex(k)) ? [i] : []));
  const snapshot = net.snapshot();
  const size = (k: xdr.LedgerKey) => snapshot.get(k)?.entry.toXdr().length ?? 0;
  const written = run.changes.filter((c) => !c.readOnly && c.entry).reduce((n, c) => n + c.entry!.toXdr().length, 0);
  const restoredBytes = run.restored.reduce((n, k) => n + size(k), 0);
  // Since protocol 23 only classic entries (accounts, trustlines) and restored ones are read from disk.
  const classic = [...readOnly, ...readWrite].filter((k) => ![6, 7].includes(k.toXdrObject().type));
  const classicBytes = classic.reduce((n, k) => n + size(k), 0);
  const resources = {
    footprint: { readOnly: readOnly.map((k) => k.toXdrObject()), readWrite: readWrite.map((k) => k.toXdrObject()) },
    instructions: options.instructions ?? Math.ceil(run.budget.cpuInstructions * 1.1) + 50_000,
    diskReadBytes: restoredBytes + classicBytes,
    writeBytes: written + restoredBytes + classicBytes + 1000,
  };
  const fee = computeTransactionResourceFee(
    {
      instructions: resources.instructions,
      diskReadEntries: archived.length + classic.length,
      writeEntries: readWrite.length,
      diskReadBytes: resources.diskReadBytes,
      writeBytes: resources.writeBytes,
      contractEventsSizeBytes: 0,
      transactionSizeBytes: 2000,
    },
    feeConfigFromNetwork(net.config),
  );
  const resourceFee = options.resourceFee ?? fee.nonRefundableFee + (options.refundableMargin ?? 10_000_000n);
  const soroban: xdr.SorobanTransactionDataWire = {
    ext: archived.length ? { v: 1, resourceExt: { archivedSorobanEntries: archived } } : { v: 0 },
    resources,
    resourceFee,
  };
  const tx = buildTx(net, source, [Operation.invokeHostFunction({ func: hostFunction, auth: [...run.auth] })], {
    fee: '100',
    configure: (b) => b.setTimeout(0).setSorobanData(xdr.SorobanTransactionData.fromXdrObject(soroban)),
  });
  return { tx, soroban, restored: run.restored };
};

export const sym = (s: string): xdr.ScVal => xdr.ScVal.scvSymbol(s);
export const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n);
export const PERSISTENT = u32(1);
export const TEMPORARY = u32(0);

export const contractIdOf = (n: number): Uint8Array => new Uint8Array(32).fill(n);

export const dataKey = (contract: Installed, key: xdr.ScVal, durability: 'persistent' | 'temporary'): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({
    type: 6,
    contractData: { contract: { type: 1, contractId: contract.id }, key: key.toXdrObject(), durability: durability === 'persistent' ? 1 : 0 },
  });

/** An ExtendFootprintTTL or RestoreFootprint transaction over the given keys. */
export const prepareFootprintOp = (
  net: Network,
  source: Keypair,
  op: xdr.Operation,
  footprint: { readOnly?: xdr.LedgerKey[]; readWrite?: xdr.LedgerKey[] },
  bytes: { read?: number; write?: number } = {},
): Transaction => {
  const readOnly = footprint.readOnly ?? [];
  const readWrite = footprint.readWrite ?? [];
  const resources = {
    footprint: { readOnly: readOnly.map((k) => k.toXdrObject()), readWrite: readWrite.map((k) => k.toXdrObject()) },
    instructions: 0,
    diskReadBytes: bytes.read ?? 0,
    writeBytes: bytes.write ?? 0,
  };
  const isRestore = op.toXdrObject().body.type === 26;
  const fee = computeTransactionResourceFee(
    {
      instructions: 0,
      diskReadEntries: isRestore ? readWrite.length : 0,
      writeEntries: readWrite.length,
      diskReadBytes: resources.diskReadBytes,
      writeBytes: resources.writeBytes,
      contractEventsSizeBytes: 0,
      transactionSizeBytes: 1000,
    },
    feeConfigFromNetwork(net.config),
  );
  const soroban: xdr.SorobanTransactionDataWire = { ext: { v: 0 }, resources, resourceFee: fee.nonRefundableFee + 10_000_000n };
  return buildTx(net, source, [op], { configure: (b) => b.setTimeout(0).setSorobanData(xdr.SorobanTransactionData.fromXdrObject(soroban)) });
};
