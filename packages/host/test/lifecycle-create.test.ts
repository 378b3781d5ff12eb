/**
 * Contract ids and creation: ids derived exactly as `@stellar/stellar-sdk` derives them
 * (`HashIdPreimage` `ENVELOPE_TYPE_CONTRACT_ID`), `CreateContract`/`CreateContractV2` and the
 * `create_contract` host function, the instance entry they write, and their failures.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Address, Asset, hash, Keypair, Networks, Operation, StrKey, xdr } from '@stellar/stellar-sdk';
import { networkIdOf } from '../src/host/ledger-info.ts';
import { contractCodeKey } from '../src/ledger/keys.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { LEDGER, MemorySnapshot, SEQ, errorOf, sym, u32 } from './support/ledger.ts';
import {
  SOURCE,
  apply,
  applyCommit,
  bytesVal,
  contractIdOfVal,
  create,
  createFn,
  invoke,
  invokeCommit,
  lifecycleContract,
  saltOf,
  upload,
  err,
  hostFunctionOf,
  instanceLedgerKey,
} from './support/lifecycle.ts';

/** The SDK's own derivation: sha256 of its `HashIdPreimage` XDR. */
const sdkContractId = (networkPassphrase: string, preimage: xdr.ContractIdPreimage): Uint8Array =>
  new Uint8Array(
    hash(
      xdr.HashIdPreimage.envelopeTypeContractId(
        new xdr.HashIdPreimageContractId({
          networkId: hash(Buffer.from(networkPassphrase)),
          contractIdPreimage: preimage,
        }),
      ).toXdr(),
    ),
  );

const fromAddress = (address: string, salt: Uint8Array): xdr.ContractIdPreimage =>
  xdr.ContractIdPreimage.contractIdPreimageFromAddress(
    new xdr.ContractIdPreimageFromAddress({ address: new Address(address).toScAddress(), salt }),
  );

const addressScVal = (address: string): xdr.ScVal => new Address(address).toScVal();

describe('contract ids', () => {
  it('CreateContractV2 built by the SDK creates the contract at the id the SDK derives', () => {
    const snap = new MemorySnapshot();
    const wasmHash = upload(snap, lifecycleContract(1));
    const salt = saltOf(9);
    const op = Operation.createCustomContract({ address: new Address(SOURCE.publicKey()), wasmHash, salt });
    const id = contractIdOfVal(applyCommit(snap, hostFunctionOf(op)));
    assert.deepEqual(id, sdkContractId(Networks.STANDALONE, fromAddress(SOURCE.publicKey(), salt)));
  });

  it('get_contract_id matches the SDK for account and contract deployers, on any network', () => {
    const snap = new MemorySnapshot();
    const factory = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
    const factoryAddress = StrKey.encodeContract(Buffer.from(factory));
    for (const passphrase of [Networks.STANDALONE, Networks.TESTNET, Networks.PUBLIC]) {
      const ledger = { networkId: networkIdOf(passphrase) };
      for (const deployer of [
        SOURCE.publicKey(),
        Keypair.fromRawEd25519Seed(new Uint8Array(32).fill(3)).publicKey(),
        factoryAddress,
      ]) {
        const salt = saltOf(passphrase.length % 256);
        const r = invoke(snap, factory, 'id', [addressScVal(deployer), bytesVal(salt)], { ledger });
        assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
        assert.deepEqual(
          contractIdOfVal(r.outcome.value),
          sdkContractId(passphrase, fromAddress(deployer, salt)),
          `${deployer} on ${passphrase}`,
        );
      }
    }
  });

  it('get_asset_contract_id matches Asset.contractId for native, alphanum4 and alphanum12 assets', () => {
    const snap = new MemorySnapshot();
    const factory = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
    const issuer = SOURCE.publicKey();
    for (const asset of [Asset.native(), new Asset('USD', issuer), new Asset('LONGASSET12', issuer)]) {
      for (const passphrase of [Networks.STANDALONE, Networks.TESTNET]) {
        const r = invoke(snap, factory, 'asset_id', [bytesVal(asset.toXdrObject().toXdr())], {
          ledger: { networkId: networkIdOf(passphrase) },
        });
        assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
        assert.equal(
          StrKey.encodeContract(Buffer.from(contractIdOfVal(r.outcome.value))),
          asset.contractId(passphrase),
        );
      }
    }
  });

  it('a salt that is not 32 bytes is Error(Object, UnexpectedSize); bytes that are not an Asset are Error(Value, InvalidInput)', () => {
    const snap = new MemorySnapshot();
    const factory = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
    assert.deepEqual(
      errorOf(invoke(snap, factory, 'id', [addressScVal(SOURCE.publicKey()), bytesVal(new Uint8Array(31))])),
      err(ErrorType.Object, ErrorCode.UnexpectedSize),
    );
    assert.deepEqual(
      errorOf(invoke(snap, factory, 'asset_id', [bytesVal(new Uint8Array([0, 0, 0, 9]))])),
      err(ErrorType.Value, ErrorCode.InvalidInput),
    );
  });
});

describe('CreateContract and create_contract', () => {
  it('writes the instance entry (Wasm executable, no storage) live for the minimum persistent TTL', () => {
    const snap = new MemorySnapshot();
    const wasmHash = upload(snap, lifecycleContract(1));
    const r = apply(snap, createFn(wasmHash, saltOf(1)));
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    const id = contractIdOfVal(r.outcome.value);
    assert.equal(r.changes.length, 1);
    const [change] = r.changes;
    assert.ok(change.key.equals(instanceLedgerKey(id)));
    assert.equal(change.liveUntilLedger, SEQ + LEDGER.minPersistentTtl! - 1);
    const data = change.entry!.toXdrObject().data;
    assert.ok(data.type === 6 && data.contractData.val.type === 19);
    assert.deepEqual(data.contractData.val.instance, { executable: { type: 0, wasmHash }, storage: null });
    // the code is only read
    assert.deepEqual(
      r.footprint.readOnly.map((k) => k.toXdr()),
      [xdr.LedgerKey.fromXdrObject(contractCodeKey(wasmHash)).toXdr()],
    );
    snap.apply(r.changes);
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(1)));
  });

  it('the same deployer and salt twice is Error(Storage, ExistingValue)', () => {
    const snap = new MemorySnapshot();
    const wasmHash = upload(snap, lifecycleContract(1));
    create(snap, wasmHash, saltOf(1));
    assert.deepEqual(
      errorOf(apply(snap, createFn(wasmHash, saltOf(1)))),
      err(ErrorType.Storage, ErrorCode.ExistingValue),
    );
    assert.deepEqual(
      errorOf(apply(snap, createFn(wasmHash, saltOf(1), []))),
      err(ErrorType.Storage, ErrorCode.ExistingValue),
    );
  });

  it('a Wasm hash never uploaded is Error(Storage, MissingValue), and nothing is written', () => {
    const snap = new MemorySnapshot();
    const r = apply(snap, createFn(new Uint8Array(32).fill(1), saltOf(1)));
    assert.deepEqual(errorOf(r), err(ErrorType.Storage, ErrorCode.MissingValue));
    assert.deepEqual(r.changes, []);
  });

  it('an enforcing footprint needs the instance read-write and the code readable', () => {
    const snap = new MemorySnapshot();
    const wasmHash = upload(snap, lifecycleContract(1));
    const id = sdkContractId(Networks.STANDALONE, fromAddress(SOURCE.publicKey(), saltOf(2)));
    const instance = instanceLedgerKey(id);
    const code = xdr.LedgerKey.fromXdrObject(contractCodeKey(wasmHash));
    const fn = createFn(wasmHash, saltOf(2));
    // The deployer (the source account) authorizes the creation as simulation recorded it.
    const { auth } = apply(snap, fn);
    assert.deepEqual(
      errorOf(apply(snap, fn, { auth, footprint: { readOnly: [instance, code], readWrite: [] } })),
      err(ErrorType.Storage, ErrorCode.ExceededLimit),
    );
    assert.deepEqual(
      errorOf(apply(snap, fn, { auth, footprint: { readOnly: [], readWrite: [instance] } })),
      err(ErrorType.Storage, ErrorCode.ExceededLimit),
    );
    const r = apply(snap, fn, { auth, footprint: { readOnly: [code], readWrite: [instance] } });
    assert.ok(r.outcome.ok && contractIdOfVal(r.outcome.value).every((b, i) => b === id[i]));
  });

  it('create_contract from a contract: the factory deploys at get_contract_id(factory, salt)', () => {
    const snap = new MemorySnapshot();
    const wasmHash = upload(snap, lifecycleContract(1));
    const factory = create(snap, wasmHash, saltOf(1));
    const self = invokeCommit(snap, factory, 'self');
    const expected = invokeCommit(snap, factory, 'id', [self, bytesVal(saltOf(5))]);
    const child = invokeCommit(snap, factory, 'create', [self, bytesVal(wasmHash), bytesVal(saltOf(5))]);
    assert.ok(child.equals(expected));
    assert.ok(invokeCommit(snap, contractIdOfVal(child), 'version').equals(u32(1)));
    // the child is the factory's code, with its own storage
    invokeCommit(snap, contractIdOfVal(child), 'put', [sym('k'), u32(3)]);
    assert.deepEqual(
      errorOf(invoke(snap, factory, 'get', [sym('k')])),
      err(ErrorType.Storage, ErrorCode.MissingValue),
    );
  });

  it('a contract creating with an account deployer gets the id of that account and salt', () => {
    const snap = new MemorySnapshot();
    const wasmHash = upload(snap, lifecycleContract(1));
    const factory = create(snap, wasmHash, saltOf(1));
    const args = [addressScVal(SOURCE.publicKey()), bytesVal(wasmHash), bytesVal(saltOf(6))];
    const call = xdr.HostFunction.fromXdrObject({
      type: 0,
      invokeContract: {
        contractAddress: { type: 1, contractId: factory },
        functionName: new xdr.XdrString('create'),
        args: args.map((a) => a.toXdrObject()),
      },
    });
    // The account authorizes a creation below the root call: simulation records it only when allowed to.
    assert.deepEqual(errorOf(apply(snap, call)), err(ErrorType.Auth, ErrorCode.InvalidAction));
    const r = apply(snap, call, { authMode: 'record_allow_nonroot' });
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    assert.equal(r.auth.length, 1);
    const child = r.outcome.value;
    assert.deepEqual(
      contractIdOfVal(child),
      sdkContractId(Networks.STANDALONE, fromAddress(SOURCE.publicKey(), saltOf(6))),
    );
  });

  it('an asset preimage creates the built-in Stellar Asset contract at the id the SDK computes (see sac-*.test.ts)', () => {
    const snap = new MemorySnapshot();
    const factory = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
    const usd = new Asset('USD', SOURCE.publicKey());
    const sdkId = (asset: Asset) => new Uint8Array(StrKey.decodeContract(asset.contractId(Networks.STANDALONE)));
    const made = invokeCommit(snap, factory, 'create_asset', [bytesVal(usd.toXdrObject().toXdr())]);
    assert.deepEqual(contractIdOfVal(made), sdkId(usd));
    const eur = new Asset('EUR', SOURCE.publicKey());
    assert.deepEqual(contractIdOfVal(applyCommit(snap, hostFunctionOf(Operation.createStellarAssetContract({ asset: eur })))), sdkId(eur));
  });

  it('the deployer in the preimage is the one whose salt space is used', () => {
    const snap = new MemorySnapshot();
    const wasmHash = upload(snap, lifecycleContract(1));
    const other = Keypair.fromRawEd25519Seed(new Uint8Array(32).fill(4));
    const a = create(snap, wasmHash, saltOf(1));
    const b = contractIdOfVal(
      applyCommit(
        snap,
        createFn(wasmHash, saltOf(1), undefined, new Address(other.publicKey()).toScAddress().toXdrObject()),
      ),
    );
    assert.notDeepEqual(a, b);
    assert.deepEqual(a, sdkContractId(Networks.STANDALONE, fromAddress(SOURCE.publicKey(), saltOf(1))));
    assert.deepEqual(b, sdkContractId(Networks.STANDALONE, fromAddress(other.publicKey(), saltOf(1))));
  });
});
