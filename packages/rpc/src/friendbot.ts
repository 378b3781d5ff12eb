/**
 * Friendbot at `/friendbot?addr=G...` (GET or POST): the root account creates the account with
 * 10,000 XLM in a real CreateAccount transaction, and the answer has the shape of Stellar's
 * friendbot (a Horizon transaction resource; a problem document with status 400 on failure, with
 * `createAccountAlreadyExist` in `detail` for an existing account, which `@stellar/stellar-sdk`
 * `requestAirdrop` relies on).
 */
import { Account, Keypair, Operation, StrKey, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
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

/** The CreateAccount result code name (e.g. `createAccountAlreadyExist`), or the transaction's (e.g. `txBadSeq`). */
const failureCode = (result: xdr.TransactionResult): string => {
  const r = result.toXdrObject().result;
  const op = 'results' in r ? r.results[0] : undefined;
  if (op?.code === 0 && op.tr.type === 0)
    return xdr.CreateAccountResult.fromXdrObject(op.tr.createAccountResult).type;
  return xdr.TransactionResultResult.fromXdrObject(r).type;
};

export const createFriendbot = (network: Network) => {
  const root = Keypair.master(network.passphrase);
  let queue: Promise<unknown> = Promise.resolve();

  const fund = async (addr: string | null): Promise<FriendbotAnswer> => {
    if (!addr) return problem(400, 'Bad Request', 'addr is required: /friendbot?addr=G...');
    if (StrKey.isValidContract(addr))
      return problem(
        400,
        'Bad Request',
        'funding contract (C...) addresses needs the Stellar Asset Contract, which this node does not have yet',
      );
    if (!StrKey.isValidEd25519PublicKey(addr))
      return problem(400, 'Bad Request', `invalid address ${JSON.stringify(addr)}: expected a G... account`);
    const seq = accountSequence(network, root.publicKey());
    if (seq === undefined) return problem(500, 'Internal Server Error', 'the root account does not exist');
    const tx = new TransactionBuilder(new Account(root.publicKey(), seq.toString()), {
      fee: BASE_FEE,
      networkPassphrase: network.passphrase,
    })
      .addOperation(
        Operation.createAccount({ destination: addr, startingBalance: FRIENDBOT_STARTING_BALANCE }),
      )
      .setTimeout(0)
      .build();
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
    const resultXdr = record.result.toXdr('base64');
    if (record.status !== 'SUCCESS')
      return problem(400, 'Bad Request', `${failureCode(record.result)} (${resultXdr})`);
    return {
      status: 200,
      body: {
        successful: true,
        id: record.hash,
        hash: record.hash,
        ledger: record.ledger,
        created_at: rfc3339(record.createdAt),
        source_account: root.publicKey(),
        source_account_sequence: (seq + 1n).toString(),
        fee_charged: record.result.toXdrObject().feeCharged.toString(),
        max_fee: BASE_FEE,
        operation_count: 1,
        envelope_xdr: record.envelope.toXdr('base64'),
        result_xdr: resultXdr,
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
