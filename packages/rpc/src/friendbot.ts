/**
 * Friendbot at `/friendbot?addr=G...|C...` (GET or POST): the root account creates the account with
 * 10,000 XLM in a real CreateAccount transaction, or, for a contract, transfers it 10,000 XLM through
 * the native Stellar Asset Contract (deployed on first use). The answer has the shape of Stellar's
 * friendbot: a Horizon transaction resource, or a problem document with status 400 on failure, with
 * `createAccountAlreadyExist` in `detail` for an existing account, which `@stellar/stellar-sdk`
 * `requestAirdrop` relies on.
 */
import {
  Account,
  Address,
  Asset,
  Contract,
  Keypair,
  Operation,
  StrKey,
  TransactionBuilder,
  nativeToScVal,
  rpc,
  xdr,
} from '@stellar/stellar-sdk';
import type { Network, TransactionRecord } from '@sorobox/network';
import { rfc3339 } from './xdr-format.ts';

export const FRIENDBOT_STARTING_BALANCE = '10000';
const BASE_FEE = '100';
/** How long to wait for the funding transaction's ledger when ledgers close on a timer. */
const WAIT_FOR_LEDGER_MS = 60_000;

export interface FriendbotAnswer {
  readonly status: number;
  readonly body: unknown;
}

const problem = (status: number, title: string, detail: string, extras?: unknown): FriendbotAnswer => ({
  status,
  body: {
    type: `https://stellar.org/horizon-errors/${title.toLowerCase().replace(/ /g, '_')}`,
    title,
    status,
    detail,
    ...(extras ? { extras } : {}),
  },
});

const accountSequence = (network: Network, address: string): bigint | undefined => {
  const key = xdr.LedgerKey.fromXdrObject({
    type: 0,
    account: { accountId: { type: 0, ed25519: StrKey.decodeEd25519PublicKey(address) } },
  });
  const [found] = network.ledgerEntries([key]);
  const data = found?.entry.toXdrObject().data;
  return data?.type === 0 ? data.account.seqNum : undefined;
};

const waitForTransaction = (network: Network, hash: string): Promise<TransactionRecord | undefined> => {
  const done = network.transaction(hash);
  if (done) return Promise.resolve(done);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(undefined);
    }, WAIT_FOR_LEDGER_MS);
    const stop = network.onLedger(() => {
      const tx = network.transaction(hash);
      if (!tx) return;
      clearTimeout(timer);
      stop();
      resolve(tx);
    });
  });
};

/** The CreateAccount result code name (e.g. `createAccountAlreadyExist`), or the transaction's (e.g. `txFailed`). */
const failureCode = (result: xdr.TransactionResult): string => {
  const r = result.toXdrObject().result;
  const op = 'results' in r ? r.results[0] : undefined;
  if (op?.code === 0 && op.tr.type === 0)
    return xdr.CreateAccountResult.fromXdrObject(op.tr.createAccountResult).type;
  return xdr.TransactionResultResult.fromXdrObject(r).type;
};

/** Builds the simulation a Soroban funding transaction is assembled from (the server's simulateTransaction). */
export type Simulate = (transactionXdr: string) => unknown;

export const createFriendbot = (network: Network, simulate: Simulate) => {
  const root = Keypair.master(network.passphrase);
  let queue: Promise<unknown> = Promise.resolve();

  /** One transaction from the root account with `operation`; Soroban ones are simulated and assembled first. */
  const submitFromRoot = async (
    operation: xdr.Operation,
    soroban: boolean,
  ): Promise<FriendbotAnswer | TransactionRecord> => {
    const seq = accountSequence(network, root.publicKey());
    if (seq === undefined) return problem(500, 'Internal Server Error', 'the root account does not exist');
    let tx = new TransactionBuilder(new Account(root.publicKey(), seq.toString()), {
      fee: BASE_FEE,
      networkPassphrase: network.passphrase,
    })
      .addOperation(operation)
      .setTimeout(0)
      .build();
    if (soroban) {
      const sim = simulate(tx.toXDR()) as rpc.Api.RawSimulateTransactionResponse;
      if (sim.error) return problem(400, 'Transaction Failed', `the funding transaction fails: ${sim.error}`);
      tx = rpc.assembleTransaction(tx, sim).build();
    }
    tx.sign(root);
    const submitted = network.submit(tx.toEnvelope());
    if (submitted.status !== 'PENDING') {
      const result = submitted.errorResult?.toXdr('base64');
      return problem(
        400,
        'Transaction Failed',
        `the funding transaction was refused: ${submitted.status}${result ? ` (${result})` : ''}`,
      );
    }
    const record = await waitForTransaction(network, submitted.hash);
    if (!record)
      return problem(504, 'Timeout', `the funding transaction ${submitted.hash} was not applied in time`);
    if (record.status !== 'SUCCESS')
      return problem(400, 'Bad Request', `${failureCode(record.result)} (${record.result.toXdr('base64')})`);
    return record;
  };

  /** A contract is funded as Stellar's friendbot does it: a native XLM transfer through the Stellar Asset Contract. */
  const fundContract = async (addr: string): Promise<FriendbotAnswer | TransactionRecord> => {
    const sac = Asset.native().contractId(network.passphrase);
    if (network.ledgerEntries([new Contract(sac).getFootprint()]).length === 0) {
      const deployed = await submitFromRoot(
        Operation.createStellarAssetContract({ asset: Asset.native() }),
        true,
      );
      if (!('hash' in deployed)) return deployed;
    }
    const amount = nativeToScVal(BigInt(FRIENDBOT_STARTING_BALANCE) * 10_000_000n, { type: 'i128' });
    const transfer = new Contract(sac).call(
      'transfer',
      new Address(root.publicKey()).toScVal(),
      new Address(addr).toScVal(),
      amount,
    );
    return submitFromRoot(transfer, true);
  };

  const fund = async (addr: string | null): Promise<FriendbotAnswer> => {
    if (!addr) return problem(400, 'Bad Request', 'addr is required: /friendbot?addr=G... (or C...)');
    let outcome: FriendbotAnswer | TransactionRecord;
    if (StrKey.isValidContract(addr)) outcome = await fundContract(addr);
    else if (StrKey.isValidEd25519PublicKey(addr))
      outcome = await submitFromRoot(
        Operation.createAccount({ destination: addr, startingBalance: FRIENDBOT_STARTING_BALANCE }),
        false,
      );
    else
      return problem(
        400,
        'Bad Request',
        `invalid address ${JSON.stringify(addr)}: expected a G... account or a C... contract`,
      );
    if (!('hash' in outcome)) return outcome;
    const record = outcome;
    const tx = record.envelope.toXdrObject();
    return {
      status: 200,
      body: {
        successful: true,
        id: record.hash,
        hash: record.hash,
        ledger: record.ledger,
        created_at: rfc3339(record.createdAt),
        source_account: root.publicKey(),
        source_account_sequence: tx.type === 2 ? tx.v1.tx.seqNum.toString() : '',
        fee_charged: record.result.toXdrObject().feeCharged.toString(),
        max_fee: tx.type === 2 ? String(tx.v1.tx.fee) : BASE_FEE,
        operation_count: 1,
        envelope_xdr: record.envelope.toXdr('base64'),
        result_xdr: record.result.toXdr('base64'),
        result_meta_xdr: record.meta.toXdr('base64'),
      },
    };
  };

  /** One funding at a time: each reads the root account's sequence number the previous one used. */
  return (addr: string | null): Promise<FriendbotAnswer> => {
    const next = queue.then(() => fund(addr));
    queue = next.catch(() => undefined);
    return next;
  };
};
