/**
 * The transaction that funds an account from the root account (what friendbot submits): a
 * CreateAccount for a new account, a Payment for an existing one.
 */
import { Account, Asset, Keypair, Operation, TransactionBuilder, type xdr } from '@stellar/stellar-sdk';
import { BASE_FEE } from '../config.ts';

export const buildFundTransaction = (
  passphrase: string,
  root: Keypair,
  sequence: bigint,
  destination: string,
  stroops: bigint,
  exists: boolean,
): xdr.TransactionEnvelope => {
  // The SDK takes amounts as decimal lumen strings: 7 digits after the point, exactly.
  const exact = `${stroops / 10_000_000n}.${(stroops % 10_000_000n).toString().padStart(7, '0')}`;
  const op = exists ? Operation.payment({ destination, asset: Asset.native(), amount: exact }) : Operation.createAccount({ destination, startingBalance: exact });
  const tx = new TransactionBuilder(new Account(root.publicKey(), (sequence - 1n).toString()), { fee: String(BASE_FEE), networkPassphrase: passphrase })
    .addOperation(op)
    .setTimeout(0)
    .build();
  tx.sign(root);
  return tx.toEnvelope();
};
