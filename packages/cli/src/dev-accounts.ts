/**
 * The pre-funded development accounts of a local network: their keys are derived from the network
 * passphrase, so they are the same on every start and every machine (never use them elsewhere).
 */
import { createHash } from 'node:crypto';
import { Keypair } from '@stellar/stellar-sdk';

export const DEV_ACCOUNT_COUNT = 4;
/** 10,000 XLM, what friendbot gives. */
export const DEV_ACCOUNT_STROOPS = 100_000_000_000n;

export const devAccount = (passphrase: string, index: number): Keypair =>
  Keypair.fromRawEd25519Seed(
    createHash('sha256').update(`sorobox dev account ${index}\n${passphrase}`).digest(),
  );

export const devAccounts = (passphrase: string, count = DEV_ACCOUNT_COUNT): Keypair[] =>
  Array.from({ length: count }, (_, i) => devAccount(passphrase, i));
