/** CreateAccount (`CreateAccountOpFrame`, protocol 14+ rules). */
import { addAccountBalance, availableBalance, loadAccount, minBalance, newAccount, putAccount, startingSequenceNumber } from '../ledger/accounts.ts';
import { transferEvent } from '../tx/events.ts';
import type { OperationHandler, OpResult } from './types.ts';

const SUCCESS = 0;
const MALFORMED = -1;
const UNDERFUNDED = -2;
const LOW_RESERVE = -3;
const ALREADY_EXIST = -4;

const result = (code: number): OpResult => ({ code: 0, tr: { type: 0, createAccountResult: { code } } }) as OpResult;

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

export const createAccount: OperationHandler = {
  threshold: () => 'medium',
  initial: () => result(SUCCESS),
  checkValid(ctx, body) {
    if (body.type !== 0) throw new Error('not a CreateAccount');
    const { destination, startingBalance } = body.createAccountOp;
    if (startingBalance < 0n || sameBytes(destination.ed25519, ctx.source)) return result(MALFORMED);
    return undefined;
  },
  apply(ctx, body) {
    if (body.type !== 0) throw new Error('not a CreateAccount');
    const { destination, startingBalance } = body.createAccountOp;
    const dest = destination.ed25519;
    if (loadAccount(ctx.ltx, dest)) return result(ALREADY_EXIST);
    const created = newAccount(dest, startingBalance, startingSequenceNumber(ctx.ledger.seq));
    if (startingBalance < minBalance(ctx.ledger, created)) return result(LOW_RESERVE);
    const source = loadAccount(ctx.ltx, ctx.source)!;
    if (availableBalance(ctx.ledger, source) < startingBalance) return result(UNDERFUNDED);
    const debited = addAccountBalance(ctx.ledger, source, -startingBalance);
    if (!debited) return result(UNDERFUNDED);
    putAccount(ctx.ltx, debited);
    putAccount(ctx.ltx, created);
    ctx.events.push(transferEvent(ctx.ledger.networkId, { type: 0 }, ctx.source, dest, startingBalance));
    return result(SUCCESS);
  },
};
