/**
 * Console lines for what the network does: each transaction applied or failed with its decoded
 * result codes, submissions rejected, and the contracts' `log` and error diagnostic events as text.
 */
import { StrKey, scValToNative, xdr } from '@stellar/stellar-sdk';
import { formatError } from '@sorobox/host';
import type { DiagnosticEventWire } from './tx/context.ts';
import { txCodeName } from './tx/result.ts';

const short = (hash: string): string => `${hash.slice(0, 8)}…${hash.slice(-4)}`;

/** An `ScVal` as readable text (`Error(Budget, ExceededLimit)`, strings quoted, numbers plain). */
export const scValText = (v: xdr.ScValWire): string => {
  if (v.type === 2) {
    const e = v.error;
    return formatError({ type: e.type, code: e.type === 0 ? e.contractCode : e.code });
  }
  if (v.type === 16) return `[${(v.vec ?? []).map(scValText).join(', ')}]`;
  try {
    const native: unknown = scValToNative(xdr.ScVal.fromXdrObject(v));
    return typeof native === 'string' ? JSON.stringify(native) : JSON.stringify(native, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(native);
  } catch {
    return `<${v.type}>`;
  }
};

const contractOf = (e: DiagnosticEventWire): string => (e.event.contractId ? StrKey.encodeContract(Buffer.from(e.event.contractId)) : 'host');

const symbolOf = (v: xdr.ScValWire | undefined): string | undefined => (v?.type === 15 ? v.sym.toString() : undefined);

/** The `log` and `error` diagnostic events as lines (other events are left out). */
export const diagnosticLines = (events: readonly DiagnosticEventWire[]): string[] => {
  const lines: string[] = [];
  for (const e of events) {
    if (e.event.type !== 2 || e.event.body.v !== 0) continue;
    const { topics, data } = e.event.body.v0;
    const kind = symbolOf(topics[0]);
    if (kind === 'log') lines.push(`  ${contractOf(e)} log: ${scValText(data)}`);
    else if (kind === 'error') lines.push(`  ${contractOf(e)} error: ${topics[1] ? scValText(topics[1]) : ''} ${scValText(data)}`);
  }
  return lines;
};

const opCodeName = (r: xdr.OperationResultWire): string => {
  if (r.code !== 0) return xdr.OperationResultCode.fromValue(r.code).name;
  const [key, value] = Object.entries(r.tr).find(([k]) => k !== 'type')! as [string, { code: number }];
  const enumName = `${key[0].toUpperCase()}${key.slice(1, -'Result'.length)}ResultCode`;
  const codes = (xdr as unknown as Record<string, { fromValue?: (n: number) => { name: string } }>)[enumName];
  try {
    return codes?.fromValue?.(value.code).name ?? `${key}(${value.code})`;
  } catch {
    return `${key}(${value.code})`;
  }
};

/** The result codes of a `TransactionResult` (inner ones for a fee bump), e.g. `txFailed [paymentUnderfunded]`. */
export const resultText = (result: xdr.TransactionResultWire): string => {
  let r: xdr.TransactionResultResultWire | xdr.InnerTransactionResultResultWire = result.result;
  let prefix = '';
  if (r.code === 1 || r.code === -13) {
    prefix = `${txCodeName(r.code)} → `;
    r = r.innerResultPair.result.result;
  }
  const ops = 'results' in r ? ` [${r.results.map(opCodeName).join(', ')}]` : '';
  return `${prefix}${txCodeName(r.code)}${ops}`;
};

export const appliedLine = (hash: string, ledger: number, success: boolean, result: xdr.TransactionResultWire): string =>
  `tx ${short(hash)} ${success ? 'SUCCESS' : 'FAILED'} in ledger ${ledger}: ${resultText(result)}, fee ${result.feeCharged} stroops`;

export const rejectedLine = (hash: string, result: xdr.TransactionResultWire): string => `tx ${short(hash)} rejected: ${resultText(result)}`;
