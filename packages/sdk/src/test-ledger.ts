/**
 * A ledger for in-process contract tests: a snapshot the host runs every `HostFunction` against,
 * as the network would apply it (upload, create with the CAP-58 constructor, invoke), committing
 * what succeeds. Ledger info (sequence, time) moves only when a test moves it. Authorization runs
 * in recording mode by default — every `require_auth` is granted and recorded in the result's
 * `auth`, like the Rust SDK's `mock_all_auths` — or enforcing the entries a test passes.
 */
import { createHash } from 'node:crypto';
import { Address, Keypair, Networks, authorizeEntry, xdr } from '@stellar/stellar-sdk';
import {
  MemorySnapshot,
  applyHostFunction,
  defaultLedgerInfo,
  ledgerKeyOf,
  networkIdOf,
  type AuthMode,
  type HostFunctionResult,
  type HostOptions,
  type LedgerInfo,
} from '@sorobox/host';

export interface TestLedgerOptions {
  /** The network passphrase (default the standalone network's): signatures are bound to it. */
  readonly passphrase?: string;
  readonly ledger?: Partial<LedgerInfo>;
  /** Default `record_allow_nonroot`: every authorization is granted and recorded. */
  readonly authMode?: AuthMode;
  /** The transaction source account (default: a fixed test key). */
  readonly source?: Keypair;
  /** Record diagnostic events (calls, returns, logs). Default true. */
  readonly diagnostics?: boolean;
}

export interface ApplyOptions {
  readonly authMode?: AuthMode;
  /** The authorization entries an enforcing run checks. */
  readonly auth?: readonly xdr.SorobanAuthorizationEntry[];
  /** Commit the changes of a successful run (default true). */
  readonly commit?: boolean;
  readonly host?: Omit<HostOptions, 'storage' | 'ledger'>;
}

const TEST_SOURCE_SEED = createHash('sha256').update('sorobox test source').digest();

export class TestLedger {
  readonly snapshot: MemorySnapshot;
  readonly source: Keypair;
  readonly passphrase: string;
  info: LedgerInfo;
  authMode: AuthMode;
  private readonly diagnostics: boolean;
  private salts = 0;

  constructor(options: TestLedgerOptions = {}, snapshot = new MemorySnapshot()) {
    this.snapshot = snapshot;
    this.passphrase = options.passphrase ?? Networks.STANDALONE;
    this.info = defaultLedgerInfo({ networkId: networkIdOf(this.passphrase), ...options.ledger });
    this.authMode = options.authMode ?? 'record_allow_nonroot';
    this.source = options.source ?? Keypair.fromRawEd25519Seed(TEST_SOURCE_SEED);
    this.diagnostics = options.diagnostics ?? true;
  }

  /** Moves the ledger forward by `ledgers` and the clock by `seconds` (default 5 a ledger). */
  advance(ledgers: number, seconds = ledgers * 5): void {
    this.info = {
      ...this.info,
      sequenceNumber: this.info.sequenceNumber + ledgers,
      timestamp: this.info.timestamp + BigInt(seconds),
    };
  }

  /** Runs a host function against the snapshot; a successful run's changes are committed. */
  apply(hostFunction: xdr.HostFunction, options: ApplyOptions = {}): HostFunctionResult {
    const result = applyHostFunction(
      {
        hostFunction,
        snapshot: this.snapshot,
        auth: options.auth,
        authMode: options.authMode ?? (options.auth ? 'enforce' : this.authMode),
        sourceAccount: this.source.publicKey(),
      },
      { diagnostics: this.diagnostics, ...options.host, ledger: this.info },
    );
    if (result.outcome.ok && options.commit !== false) this.snapshot.apply(result.changes);
    return result;
  }

  /** Uploads Wasm (`UploadContractWasm`); returns its hash. */
  upload(wasm: Uint8Array): Uint8Array {
    const r = this.apply(xdr.HostFunction.fromXdrObject({ type: 2, wasm }));
    if (!r.outcome.ok) throw new Error(`upload failed: ${r.outcome.message}`);
    const v = r.outcome.value.toXdrObject();
    if (v.type !== 13) throw new Error('upload returned no hash');
    return new Uint8Array(v.bytes);
  }

  /** A fresh salt: contracts deployed in the same order get the same addresses. */
  nextSalt(): Uint8Array {
    return createHash('sha256').update(`sorobox test salt ${this.salts++}`).digest();
  }

  /**
   * `CreateContractV2` from the source account with `salt`, running the constructor with
   * `constructorArgs`: the result, whose value is the new contract's address.
   */
  create(
    wasmHash: Uint8Array,
    constructorArgs: readonly xdr.ScVal[],
    salt = this.nextSalt(),
  ): HostFunctionResult {
    return this.apply(
      xdr.HostFunction.fromXdrObject({
        type: 3,
        createContractV2: {
          contractIdPreimage: {
            type: 0,
            fromAddress: {
              address: { type: 0, accountId: { type: 0, ed25519: this.source.rawPublicKey() } },
              salt,
            },
          },
          executable: { type: 0, wasmHash },
          constructorArgs: constructorArgs.map((a) => a.toXdrObject()),
        },
      } as xdr.HostFunctionWire),
    );
  }

  /** `InvokeContract` of `fn` on the contract `id` with ScVal arguments. */
  invoke(
    id: Uint8Array,
    fn: string,
    args: readonly xdr.ScVal[],
    options: ApplyOptions = {},
  ): HostFunctionResult {
    return this.apply(
      xdr.HostFunction.fromXdrObject({
        type: 0,
        invokeContract: {
          contractAddress: { type: 1, contractId: id },
          functionName: new xdr.XdrString(fn),
          args: args.map((a) => a.toXdrObject()),
        },
      } as xdr.HostFunctionWire),
      options,
    );
  }

  /** Writes a classic account (one signer, its master key) unless it exists: signed auth needs it. */
  addAccount(keypair: Keypair, balance = 100_000_000_000n): void {
    const entry = xdr.LedgerEntry.fromXdrObject({
      lastModifiedLedgerSeq: this.info.sequenceNumber,
      data: {
        type: 0,
        account: {
          accountId: { type: 0, ed25519: keypair.rawPublicKey() },
          balance,
          seqNum: 0n,
          numSubEntries: 0,
          inflationDest: null,
          flags: 0,
          homeDomain: new xdr.XdrString(''),
          thresholds: Uint8Array.from([1, 0, 0, 0]),
          signers: [],
          ext: { v: 0 },
        },
      },
      ext: { v: 0 },
    } as xdr.LedgerEntryWire);
    if (!this.snapshot.get(ledgerKeyOf(entry))) this.snapshot.set(entry, undefined);
  }

  /**
   * Signs the address-credential entries a recording run returned for the given keys (a client's
   * `authorizeEntry`, valid for `validFor` ledgers); entries of other addresses stay unsigned and
   * source-account entries stay as they are.
   */
  async sign(
    entries: readonly xdr.SorobanAuthorizationEntry[],
    signers: readonly Keypair[],
    validFor = 100,
  ): Promise<xdr.SorobanAuthorizationEntry[]> {
    const byAddress = new Map(signers.map((k) => [k.publicKey(), k]));
    return Promise.all(
      entries.map((entry) => {
        const address = authAddress(entry);
        const key = address && byAddress.get(address);
        if (!key) return entry;
        this.addAccount(key);
        return authorizeEntry(entry, key, this.info.sequenceNumber + validFor, this.passphrase);
      }),
    );
  }
}

/** The `G...`/`C...` address an entry's credentials name, or undefined for the source account. */
export const authAddress = (entry: xdr.SorobanAuthorizationEntry): string | undefined => {
  const c = entry.credentials.toXdrObject();
  if (c.type === 0) return undefined;
  const a = (
    c.type === 1 ? c.address : c.type === 2 ? c.addressV2 : c.addressWithDelegates.addressCredentials
  ).address;
  return Address.fromScAddress(xdr.ScAddress.fromXdrObject(a)).toString();
};
