/**
 * ChangeTrust (`ChangeTrustOpFrame`, protocol 16+ rules) for credit assets: creates, updates or
 * (limit 0) deletes the source's trustline. Liquidity-pool share trustlines are not implemented.
 */
import { AUTHORIZED_FLAG, loadAccount, loadTrustLine, putAccount, putTrustLine, trustLineKey, trustLineLiabilities } from '../ledger/accounts.ts';
import { isAssetValid, isIssuer, issuerOfAsset } from '../ledger/assets.ts';
import { addSubentry, removeSubentry } from '../ledger/subentries.ts';
import { OP_TOO_MANY_SUBENTRIES, type OperationHandler, type OpResult } from './types.ts';

const SUCCESS = 0;
const MALFORMED = -1;
const NO_ISSUER = -2;
const INVALID_LIMIT = -3;
const LOW_RESERVE = -4;

const AUTH_REQUIRED_FLAG = 1;
const AUTH_CLAWBACK_ENABLED_FLAG = 8;
const TRUSTLINE_CLAWBACK_ENABLED_FLAG = 4;

const result = (code: number): OpResult => ({ code: 0, tr: { type: 6, changeTrustResult: { code } } }) as OpResult;

export const changeTrust: OperationHandler = {
  threshold: () => 'medium',
  supported: (body) => body.type === 6 && body.changeTrustOp.line.type !== 3,
  initial: () => result(SUCCESS),
  checkValid(ctx, body) {
    if (body.type !== 6) throw new Error('not a ChangeTrust');
    const { line, limit } = body.changeTrustOp;
    if (limit < 0n || line.type === 0 || !isAssetValid(line) || isIssuer(ctx.source, line)) return result(MALFORMED);
    return undefined;
  },
  apply(ctx, body) {
    if (body.type !== 6 || body.changeTrustOp.line.type === 3 || body.changeTrustOp.line.type === 0) throw new Error('not a credit ChangeTrust');
    const { line, limit } = body.changeTrustOp;
    const issuerId = issuerOfAsset(line)!;
    const existing = loadTrustLine(ctx.ltx, ctx.source, line);
    const source = loadAccount(ctx.ltx, ctx.source)!;
    if (existing) {
      if (limit < existing.balance + trustLineLiabilities(existing).buying) return result(INVALID_LIMIT);
      if (limit === 0n) {
        ctx.ltx.erase(trustLineKey(ctx.source, line));
        putAccount(ctx.ltx, removeSubentry(source));
        return result(SUCCESS);
      }
      if (!loadAccount(ctx.ltx, issuerId)) return result(NO_ISSUER);
      putTrustLine(ctx.ltx, { ...existing, limit });
      return result(SUCCESS);
    }
    if (limit === 0n) return result(INVALID_LIMIT);
    const issuer = loadAccount(ctx.ltx, issuerId);
    if (!issuer) return result(NO_ISSUER);
    const withLine = addSubentry(ctx.ledger, source);
    if (withLine === 'low-reserve') return result(LOW_RESERVE);
    if (withLine === 'too-many-subentries') return OP_TOO_MANY_SUBENTRIES;
    let flags = issuer.flags & AUTH_REQUIRED_FLAG ? 0 : AUTHORIZED_FLAG;
    if (issuer.flags & AUTH_CLAWBACK_ENABLED_FLAG) flags |= TRUSTLINE_CLAWBACK_ENABLED_FLAG;
    putAccount(ctx.ltx, withLine);
    putTrustLine(ctx.ltx, { accountId: { type: 0, ed25519: ctx.source }, asset: line, balance: 0n, limit, flags, ext: { v: 0 } });
    return result(SUCCESS);
  },
};
