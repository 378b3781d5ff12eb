/**
 * The XDR of an account's `LedgerEntry`, written by hand: every transaction rewrites its source
 * account several times (fee, sequence number, refund), each version goes into the meta, and the
 * generic encoder is the slow part of that. `test/encode.test.ts` checks it against the library.
 */
import type { xdr } from '@stellar/stellar-sdk';

class Writer {
  private parts: number[] = [];
  private chunks: Uint8Array[] = [];

  private flush(): void {
    if (this.parts.length) {
      this.chunks.push(Uint8Array.from(this.parts));
      this.parts = [];
    }
  }

  uint32(n: number): this {
    this.parts.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
    return this;
  }

  int64(n: bigint): this {
    const u = BigInt.asUintN(64, n);
    return this.uint32(Number(u >> 32n)).uint32(Number(u & 0xffff_ffffn));
  }

  fixed(b: Uint8Array): this {
    this.flush();
    this.chunks.push(b);
    return this;
  }

  /** Variable-length opaque or string: length, bytes, zero padding to 4. */
  variable(b: Uint8Array): this {
    this.uint32(b.length).fixed(b);
    const pad = (4 - (b.length % 4)) % 4;
    for (let i = 0; i < pad; i++) this.parts.push(0);
    return this;
  }

  publicKey(k: xdr.PublicKeyWire): this {
    return this.uint32(0).fixed(k.ed25519);
  }

  finish(): Uint8Array {
    this.flush();
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

const signerKey = (w: Writer, k: xdr.SignerKeyWire): void => {
  w.uint32(k.type);
  switch (k.type) {
    case 0:
      w.fixed(k.ed25519);
      break;
    case 1:
      w.fixed(k.preAuthTx);
      break;
    case 2:
      w.fixed(k.hashX);
      break;
    case 3:
      w.fixed(k.ed25519SignedPayload.ed25519).variable(k.ed25519SignedPayload.payload);
      break;
  }
};

const accountExt = (w: Writer, ext: xdr.AccountEntryExtWire): void => {
  w.uint32(ext.v);
  if (ext.v === 0) return;
  const v1 = ext.v1;
  w.int64(v1.liabilities.buying).int64(v1.liabilities.selling).uint32(v1.ext.v);
  if (v1.ext.v === 0) return;
  const v2 = v1.ext.v2;
  w.uint32(v2.numSponsored).uint32(v2.numSponsoring).uint32(v2.signerSponsoringIDs.length);
  for (const id of v2.signerSponsoringIDs) {
    if (id) w.uint32(1).publicKey(id);
    else w.uint32(0);
  }
  w.uint32(v2.ext.v);
  if (v2.ext.v === 3) w.uint32(0).uint32(v2.ext.v3.seqLedger).int64(v2.ext.v3.seqTime);
};

/** The `LedgerEntry` XDR of an account entry. */
export const encodeAccountEntry = (entry: xdr.LedgerEntryWire, a: xdr.AccountEntryWire): Uint8Array => {
  const w = new Writer().uint32(entry.lastModifiedLedgerSeq).uint32(0).publicKey(a.accountId).int64(a.balance).int64(a.seqNum).uint32(a.numSubEntries);
  if (a.inflationDest) w.uint32(1).publicKey(a.inflationDest);
  else w.uint32(0);
  w.uint32(a.flags).variable(a.homeDomain.bytes).fixed(a.thresholds).uint32(a.signers.length);
  for (const s of a.signers) {
    signerKey(w, s.key);
    w.uint32(s.weight);
  }
  accountExt(w, a.ext);
  w.uint32(entry.ext.v);
  if (entry.ext.v === 1) {
    const sponsor = entry.ext.v1.sponsoringId;
    if (sponsor) w.uint32(1).publicKey(sponsor);
    else w.uint32(0);
    w.uint32(0);
  }
  return w.finish();
};
