/**
 * A submitted transaction envelope, parsed once (stellar-core's `TransactionFrame` and
 * `FeeBumpTransactionFrame`): its hashes, the accounts involved, the operations and the Soroban
 * data, in the wire form the rest of the network works on.
 */
import { xdr } from '@stellar/stellar-sdk';
import { sha256 } from '../ledger/keys.ts';

export type TxWire = xdr.TransactionWire;
export type OperationWire = xdr.OperationWire;
export type SignatureWire = xdr.DecoratedSignatureWire;
export type SorobanDataWire = xdr.SorobanTransactionDataWire;

const ENVELOPE_TYPE_TX = 2;
const ENVELOPE_TYPE_TX_FEE_BUMP = 5;

/** The transaction proper (the inner one of a fee bump). */
export interface InnerTx {
  readonly tx: TxWire;
  readonly signatures: readonly SignatureWire[];
  /** sha256(networkId ‖ ENVELOPE_TYPE_TX ‖ tx): what signers sign, the inner hash. */
  readonly contentsHash: Uint8Array;
  readonly source: Uint8Array;
  readonly operations: readonly OperationWire[];
  readonly soroban: SorobanDataWire | undefined;
}

export interface FeeBump {
  readonly feeSource: Uint8Array;
  readonly fee: bigint;
  readonly signatures: readonly SignatureWire[];
}

export interface TxFrame {
  readonly envelope: xdr.TransactionEnvelopeWire;
  /** The envelope's XDR: its length is the transaction size Soroban fees are charged for. */
  readonly envelopeBytes: Uint8Array;
  /** The transaction's hash: the outer one for a fee bump. */
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly inner: InnerTx;
  readonly feeBump: FeeBump | undefined;
  /** Soroban operations present (the transaction is validated as a Soroban one). */
  readonly isSoroban: boolean;
  /** Ed25519 verifications already done for this envelope, by signature and key. */
  readonly verified: Map<string, boolean>;
}

/** The 32-byte account id behind a muxed account. */
export const accountOfMuxed = (m: xdr.MuxedAccountWire): Uint8Array => (m.type === 0 ? m.ed25519 : m.med25519.ed25519);

const hashOf = (networkId: Uint8Array, type: number, body: Uint8Array): Uint8Array => {
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setInt32(0, type);
  return sha256(Buffer.concat([networkId, prefix, body]));
};

export const SOROBAN_OPERATIONS = new Set([24, 25, 26]);

/** Bytes of a signatures array (`DecoratedSignature<20>`: 4-byte hint, then a padded opaque). */
const signaturesSize = (signatures: readonly SignatureWire[]): number =>
  4 + signatures.reduce((n, s) => n + 4 + 4 + Math.ceil(s.signature.length / 4) * 4, 0);

/** `txBytes`: the transaction's XDR when already at hand (inside a v1 envelope's bytes). */
const innerOf = (networkId: Uint8Array, v1: xdr.TransactionV1EnvelopeWire, txBytes?: Uint8Array): InnerTx => ({
  tx: v1.tx,
  signatures: v1.signatures,
  contentsHash: hashOf(networkId, ENVELOPE_TYPE_TX, txBytes ?? xdr.Transaction.schema.encode(v1.tx)),
  source: accountOfMuxed(v1.tx.sourceAccount),
  operations: v1.tx.operations,
  soroban: v1.tx.ext.v === 1 ? v1.tx.ext.sorobanData : undefined,
});

/** A v0 envelope: refused (stellar-core answers `txNOT_SUPPORTED` for it since protocol 13). */
export interface UnsupportedEnvelope {
  readonly unsupported: true;
  readonly hashHex: string;
}

/**
 * Parses an envelope, given as an object or as its XDR (which spares re-encoding it); malformed
 * XDR throws.
 */
export const parseFrame = (networkId: Uint8Array, envelope: xdr.TransactionEnvelope | Uint8Array): TxFrame | UnsupportedEnvelope => {
  const wire = envelope instanceof Uint8Array ? xdr.TransactionEnvelope.schema.decode(envelope) : envelope.toXdrObject();
  const envelopeBytes = envelope instanceof Uint8Array ? envelope : xdr.TransactionEnvelope.schema.encode(wire);
  let inner: InnerTx;
  let feeBump: FeeBump | undefined;
  let hash: Uint8Array;
  if (wire.type === ENVELOPE_TYPE_TX) {
    // A v1 envelope is its type, the transaction, then the signatures.
    inner = innerOf(networkId, wire.v1, envelopeBytes.subarray(4, envelopeBytes.length - signaturesSize(wire.v1.signatures)));
    hash = inner.contentsHash;
  } else if (wire.type === ENVELOPE_TYPE_TX_FEE_BUMP) {
    const fb = wire.feeBump;
    inner = innerOf(networkId, fb.tx.innerTx.v1);
    feeBump = { feeSource: accountOfMuxed(fb.tx.feeSource), fee: fb.tx.fee, signatures: fb.signatures };
    hash = hashOf(networkId, ENVELOPE_TYPE_TX_FEE_BUMP, xdr.FeeBumpTransaction.schema.encode(fb.tx));
  } else {
    // A v0 transaction hashes as the v1 transaction it converts to (ed25519 muxed source).
    const v0 = xdr.TransactionV0.schema.encode(wire.v0.tx);
    const hashHex = Buffer.from(hashOf(networkId, ENVELOPE_TYPE_TX, Buffer.concat([new Uint8Array(4), v0]))).toString('hex');
    return { unsupported: true, hashHex };
  }
  return {
    envelope: wire,
    envelopeBytes,
    hash,
    hashHex: Buffer.from(hash).toString('hex'),
    inner,
    feeBump,
    isSoroban: inner.operations.length > 0 && SOROBAN_OPERATIONS.has(inner.operations[0].body.type),
    verified: new Map(),
  };
};

/** The account paying the fee: the fee-bump source, or the transaction source. */
export const feeSourceOf = (frame: TxFrame): Uint8Array => frame.feeBump?.feeSource ?? frame.inner.source;

/** Operations counted for fees: a fee bump counts one more. */
export const feeOperationCount = (frame: TxFrame): number => Math.max(1, frame.inner.operations.length + (frame.feeBump ? 1 : 0));

export const fullFee = (frame: TxFrame): bigint => frame.feeBump?.fee ?? BigInt(frame.inner.tx.fee);

export const declaredResourceFee = (frame: TxFrame): bigint => (frame.isSoroban ? (frame.inner.soroban?.resourceFee ?? 0n) : 0n);

/** The fee bid for inclusion: the full fee minus the declared Soroban resource fee. */
export const inclusionFee = (frame: TxFrame): bigint => fullFee(frame) - declaredResourceFee(frame);

/** The operation's source account, defaulting to the transaction's. */
export const operationSource = (frame: TxFrame, op: OperationWire): Uint8Array =>
  op.sourceAccount ? accountOfMuxed(op.sourceAccount) : frame.inner.source;
