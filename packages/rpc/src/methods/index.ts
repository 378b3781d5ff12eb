/** Every method the server answers: the twelve of Stellar RPC and the sorobox_* developer controls. */
import type { RpcContext } from '../context.ts';
import type { Methods } from '../jsonrpc.ts';
import { simulateMethods } from '../simulate/method.ts';
import { devMethods } from './dev.ts';
import { eventMethods } from './events.ts';
import { infoMethods } from './info.ts';
import { ledgerMethods } from './ledgers.ts';
import { transactionMethods } from './transactions.ts';

export const rpcMethods = (ctx: RpcContext): Methods => ({
  ...infoMethods(ctx),
  ...ledgerMethods(ctx),
  ...transactionMethods(ctx),
  ...eventMethods(ctx),
  ...simulateMethods(ctx),
  ...devMethods(ctx),
});
