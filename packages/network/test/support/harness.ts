/**
 * Test helpers: an in-memory network, accounts funded from the root, and transactions built and
 * signed with the real `@stellar/stellar-sdk` TransactionBuilder.
 */
import assert from 'node:assert/strict';
import { Account, Keypair, Networks, StrKey, TransactionBuilder, xdr, type FeeBumpTransaction, type Transaction } from '@stellar/stellar-sdk';
import { openNetwork, type Network, type NetworkOptions, type TransactionRecord } from '../../src/index.ts';

export const PASSPHRASE = Networks.STANDALONE;
export const root = Keypair.master(PASSPHRASE);

export const openTestNetwork = (options: NetworkOptions = {}): Network => openNetwork({ ephemeral: true, ...options });

export const accountKey = (publicKey: string): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({ type: 0, account: { accountId: { type: 0, ed25519: StrKey.decodeEd25519PublicKey(publicKey) } } });

export const accountOf = (net: Network, publicKey: string): xdr.AccountEntryWire | undefined => {
  const [record] = net.ledgerEntries([accountKey(publicKey)]);
  const data = record?.entry.toXdrObject().data;
  return data?.type === 0 ? data.account : undefined;
};

export const balanceOf = (net: Network, publicKey: string): bigint => accountOf(net, publicKey)?.balance ?? 0n;

/** An SDK account at its current sequence number. */
export const sdkAccount = (net: Network, kp: Keypair): Account => new Account(kp.publicKey(), (accountOf(net, kp.publicKey())?.seqNum ?? 0n).toString());

export interface BuildOptions {
  readonly fee?: string;
  readonly timeout?: number;
  readonly signers?: readonly Keypair[];
  readonly configure?: (b: TransactionBuilder) => void;
}

/** A transaction from `source` with `ops`, signed by the source (or `signers`). */
export const buildTx = (net: Network, source: Keypair, ops: xdr.Operation[], options: BuildOptions = {}): Transaction => {
  const b = new TransactionBuilder(sdkAccount(net, source), { fee: options.fee ?? '100', networkPassphrase: net.passphrase });
  for (const op of ops) b.addOperation(op);
  options.configure?.(b);
  if (!options.configure) b.setTimeout(options.timeout ?? 0);
  const tx = b.build();
  for (const s of options.signers ?? [source]) tx.sign(s);
  return tx;
};

/** Submits and returns the applied record, failing the test unless it was accepted. */
type Submittable = Transaction | FeeBumpTransaction | xdr.TransactionEnvelope | Uint8Array;

const envelopeOf = (tx: Submittable): xdr.TransactionEnvelope | Uint8Array => (tx instanceof Uint8Array ? tx : 'toEnvelope' in tx ? tx.toEnvelope() : tx);

export const submit = (net: Network, tx: Submittable): TransactionRecord => {
  const r = net.submit(envelopeOf(tx));
  assert.equal(r.status, 'PENDING', `submission ${r.status}: ${r.errorResult ? JSON.stringify(r.errorResult.toXdrObject().result, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : ''}`);
  const record = net.transaction(r.hash);
  assert.ok(record, 'the transaction is in history after its ledger closed');
  return record;
};

export const submitOk = (net: Network, tx: Submittable): TransactionRecord => {
  const record = submit(net, tx);
  assert.equal(record.status, 'SUCCESS', `transaction failed: ${JSON.stringify(record.result.toXdrObject().result, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
  return record;
};

/** A new account funded by the root account. */
export const newFunded = (net: Network, stroops = 10_000_000_000n): Keypair => {
  const kp = Keypair.random();
  net.fund(kp.publicKey(), stroops);
  return kp;
};

/** The result code of a submission rejected at validation. */
export const rejection = (net: Network, tx: Submittable): number => {
  const r = net.submit(envelopeOf(tx));
  assert.equal(r.status, 'ERROR', 'the submission is rejected');
  const result = r.errorResult!.toXdrObject().result;
  return result.code === 1 || result.code === -13 ? result.innerResultPair.result.result.code : result.code;
};

export const jsonOf = (v: unknown): string => JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x));

/** A transaction's meta, which is v4 on this network. */
export const metaV4 = (record: { meta: xdr.TransactionMeta }): xdr.TransactionMetaV4Wire => {
  const m = record.meta.toXdrObject();
  if (m.v !== 4) throw new Error(`meta v${m.v}`);
  return m.v4;
};
