/**
 * One operation, end to end, as any Stellar client does it: simulate and assemble
 * (`prepareTransaction`), sign, send, and poll until the transaction is in a ledger.
 */
import { BASE_FEE, Keypair, TransactionBuilder, rpc, xdr } from '@stellar/stellar-sdk';
import type { Target } from './target.ts';

export class TransactionFailed extends Error {}

const POLL_ATTEMPTS = 60;

export const buildTransaction = async (target: Target, signer: Keypair, operation: xdr.Operation) => {
  const account = await target.server.getAccount(signer.publicKey());
  return new TransactionBuilder(account, { fee: BASE_FEE, networkPassphrase: target.passphrase })
    .addOperation(operation)
    .setTimeout(300)
    .build();
};

/** Sends `operation` signed by `signer`; resolves with the successful transaction. */
export const submitOperation = async (
  target: Target,
  signer: Keypair,
  operation: xdr.Operation,
): Promise<rpc.Api.GetSuccessfulTransactionResponse> => {
  let tx;
  try {
    tx = await target.server.prepareTransaction(await buildTransaction(target, signer, operation));
  } catch (e) {
    throw new TransactionFailed(`simulation failed: ${(e as Error).message ?? String(e)}`);
  }
  tx.sign(signer);
  const sent = await target.server.sendTransaction(tx);
  if (sent.status !== 'PENDING') {
    const code = sent.errorResult ? sent.errorResult.result.type : sent.status;
    throw new TransactionFailed(`the network refused the transaction ${sent.hash}: ${code}`);
  }
  const final = await target.server.pollTransaction(sent.hash, {
    attempts: POLL_ATTEMPTS,
    sleepStrategy: rpc.LinearSleepStrategy,
  });
  if (final.status === rpc.Api.GetTransactionStatus.SUCCESS) return final;
  if (final.status === rpc.Api.GetTransactionStatus.FAILED)
    throw new TransactionFailed(`transaction ${sent.hash} failed: ${final.resultXdr.result.type}`);
  throw new TransactionFailed(`transaction ${sent.hash} was not in a ledger after ${POLL_ATTEMPTS} polls`);
};
