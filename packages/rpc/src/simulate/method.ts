/**
 * simulateTransaction as stellar-rpc validates and answers it: one InvokeHostFunction,
 * ExtendFootprintTTL or RestoreFootprint operation; problems with the transaction and failed runs
 * come back in the `error` field (with the diagnostic events), not as JSON-RPC errors.
 */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import type { AuthMode } from '@sorobox/host';
import type { RpcContext } from '../context.ts';
import { invalidParams, type Methods, type Params } from '../jsonrpc.ts';
import { optionalObject, optionalString, xdrFormatOf, type XdrFormat } from '../params.ts';
import { decodeEnvelope, encodeXdr, xdrField, xdrListField } from '../xdr-format.ts';
import { simulateInvoke } from './invoke.ts';
import { defaultAdjustment, sorobanStateSize, type FeeContext } from './resources.ts';
import { SimulationError, simulateExtend, simulateRestore } from './ttl-ops.ts';
import type { SimulationResult, StateChange } from './types.ts';

const AUTH_MODES = ['enforce', 'record', 'record_allow_nonroot'] as const;
const INVOKE_HOST_FUNCTION = 24;
const EXTEND_FOOTPRINT_TTL = 25;
const RESTORE_FOOTPRINT = 26;

class Refused extends Error {}

/** `resourceConfig.instructionLeeway` (a u64 in stellar-rpc; the simulation takes it as a u32). */
const instructionLeeway = (params: Params): number => {
  const config = optionalObject(params, 'resourceConfig');
  const v = config?.instructionLeeway;
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw invalidParams('resourceConfig.instructionLeeway must be a non-negative integer');
  if (v > 0xffff_ffff) throw new Refused(`instruction leeway ${v} does not fit in a u32`);
  return v;
};

/** The transaction's single operation and who runs it, whatever the envelope type. */
const operationOf = (envelope: xdr.TransactionEnvelope) => {
  const wire = envelope.toXdrObject();
  const tx = wire.type === 0 ? wire.v0.tx : wire.type === 2 ? wire.v1.tx : wire.feeBump.tx.innerTx.v1.tx;
  if (tx.operations.length !== 1) throw new Refused('Transaction contains more than one operation');
  const op = tx.operations[0];
  const sourceWire: xdr.MuxedAccountWire =
    op.sourceAccount ??
    ('sourceAccountEd25519' in tx ? { type: 0, ed25519: tx.sourceAccountEd25519 } : tx.sourceAccount);
  const ed25519 = sourceWire.type === 0 ? sourceWire.ed25519 : sourceWire.med25519.ed25519;
  const sorobanData = 'ext' in tx && tx.ext.v === 1 ? tx.ext.sorobanData : undefined;
  return { body: op.body, sourceAccount: StrKey.encodeEd25519PublicKey(Buffer.from(ed25519)), sorobanData };
};

/** stellar-rpc's auth mode rules: default enforce with auth entries, record without; recording with entries is refused. */
const authModeFor = (
  requested: string | undefined,
  opType: number,
  hasAuth: boolean,
): AuthMode | undefined => {
  if (requested && !(AUTH_MODES as readonly string[]).includes(requested))
    throw new Refused(`optional 'authMode' must be one of ${AUTH_MODES.join(',')} when included`);
  if (opType !== INVOKE_HOST_FUNCTION) {
    if (requested) throw new Refused('cannot set authMode with non-InvokeHostFunction operations');
    return undefined;
  }
  if (!requested) return hasAuth ? 'enforce' : 'record';
  if (hasAuth && requested !== 'enforce')
    throw new Refused(`cannot set authMode to '${requested}' with an auth footprint`);
  return requested as AuthMode;
};

const simulate = (ctx: RpcContext, params: Params): SimulationResult => {
  const transaction = optionalString(params, 'transaction');
  const leeway = instructionLeeway(params);
  const envelope = transaction ? decodeEnvelope(transaction) : undefined;
  if (!envelope) throw new Refused('Could not unmarshal transaction');
  const op = operationOf(envelope);
  const authMode = authModeFor(
    optionalString(params, 'authMode'),
    op.body.type,
    op.body.type === INVOKE_HOST_FUNCTION && op.body.invokeHostFunctionOp.auth.length > 0,
  );
  const network = ctx.network;
  const fees: FeeContext = {
    config: network.config,
    ledger: network.ledgerInfo(),
    stateSizeBytes: sorobanStateSize(network.latestLedger().metaXdr),
  };
  const adjustment = defaultAdjustment(leeway);
  const snapshot = network.snapshot();
  switch (op.body.type) {
    case INVOKE_HOST_FUNCTION: {
      const { hostFunction, auth } = op.body.invokeHostFunctionOp;
      return simulateInvoke(
        {
          hostFunction: xdr.HostFunction.fromXdrObject(hostFunction),
          auth: auth.map((a) => xdr.SorobanAuthorizationEntry.fromXdrObject(a)),
          authMode: authMode ?? 'record',
          sourceAccount: op.sourceAccount,
        },
        snapshot,
        fees,
        adjustment,
      );
    }
    case EXTEND_FOOTPRINT_TTL:
    case RESTORE_FOOTPRINT: {
      if (!op.sorobanData)
        throw new Refused(
          'To perform a SimulateTransaction for ExtendFootprintTtl or RestoreFootprint operations, SorobanTransactionData must be provided',
        );
      const { readOnly, readWrite } = op.sorobanData.resources.footprint;
      if (op.body.type === RESTORE_FOOTPRINT) {
        const keys = readWrite.map((k) => xdr.LedgerKey.fromXdrObject(k));
        return {
          transactionData: simulateRestore(keys, snapshot, fees, adjustment),
          events: [],
          stateChanges: [],
        };
      }
      const keys = readOnly.map((k) => xdr.LedgerKey.fromXdrObject(k));
      const r = simulateExtend(keys, op.body.extendFootprintTtlOp.extendTo, snapshot, fees, adjustment);
      return { ...r, events: [], stateChanges: [] };
    }
    default:
      throw new Refused(
        `Transaction contains unsupported operation type: ${xdr.OperationType.fromValue(op.body.type).name}`,
      );
  }
};

const stateChangeOut = (format: XdrFormat, c: StateChange) => {
  const type = c.before ? (c.after ? 'updated' : 'deleted') : 'created';
  if (format === 'json')
    return {
      type,
      keyJson: c.key.toJson(),
      ...(c.before ? { beforeJson: c.before.toJson() } : {}),
      ...(c.after ? { afterJson: c.after.toJson() } : {}),
    };
  return {
    type,
    key: c.key.toXdr('base64'),
    before: c.before?.toXdr('base64') ?? null,
    after: c.after?.toXdr('base64') ?? null,
  };
};

const responseOf = (format: XdrFormat, r: SimulationResult, latestLedger: number) => ({
  ...(r.error ? { error: r.error } : {}),
  ...(r.transactionData ? xdrField(format, 'transactionData', 'transactionDataJson', r.transactionData) : {}),
  ...(r.events.length ? xdrListField(format, 'events', 'eventsJson', r.events) : {}),
  ...(r.transactionData ? { minResourceFee: r.transactionData.resourceFee.toString() } : {}),
  ...(r.result
    ? {
        results: [
          format === 'json'
            ? { authJson: r.result.auth.map((a) => a.toJson()), returnValueJson: r.result.retval.toJson() }
            : { auth: r.result.auth.map((a) => a.toXdr('base64')), xdr: r.result.retval.toXdr('base64') },
        ],
      }
    : {}),
  ...(r.restorePreamble
    ? {
        restorePreamble: {
          [format === 'json' ? 'transactionDataJson' : 'transactionData']: encodeXdr(
            format,
            r.restorePreamble,
          ),
          minResourceFee: r.restorePreamble.resourceFee.toString(),
        },
      }
    : {}),
  ...(r.stateChanges.length ? { stateChanges: r.stateChanges.map((c) => stateChangeOut(format, c)) } : {}),
  latestLedger,
});

export const simulateMethods = (ctx: RpcContext): Methods => ({
  simulateTransaction: (params) => {
    const latestLedger = ctx.network.latestLedger().sequence;
    let format: XdrFormat;
    try {
      format = xdrFormatOf(params);
    } catch (e) {
      return { error: (e as Error).message, latestLedger };
    }
    let result: SimulationResult;
    try {
      result = simulate(ctx, params);
    } catch (e) {
      if (e instanceof Refused || e instanceof SimulationError) return { error: e.message, latestLedger };
      throw e;
    }
    return responseOf(format, result, latestLedger);
  },
});
