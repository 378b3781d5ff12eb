/**
 * The contract's custom sections: `contractspecv0` (the interface: one XDR `SCSpecEntry` per type
 * and function, derived from the contract model), `contractenvmetav0` (the host interface version)
 * and `contractmetav0` (key/value build metadata), all encoded with `@stellar/stellar-sdk`'s XDR.
 */
import { xdr } from '@stellar/stellar-sdk';
import { ContractBuildError } from './analyze.ts';
import type { ContractModel, ContractType, EventDef, TypeDef } from './types.ts';

const T = xdr.ScSpecTypeDef;

export const specType = (t: ContractType): xdr.ScSpecTypeDef => {
  switch (t.kind) {
    case 'void':
      return T.scSpecTypeVoid();
    case 'prim':
      return {
        bool: T.scSpecTypeBool,
        u32: T.scSpecTypeU32,
        i32: T.scSpecTypeI32,
        u64: T.scSpecTypeU64,
        i64: T.scSpecTypeI64,
      }[t.name]();
    case 'builtin':
      return {
        Val: T.scSpecTypeVal,
        Symbol: T.scSpecTypeSymbol,
        String: T.scSpecTypeString,
        Bytes: T.scSpecTypeBytes,
        Address: T.scSpecTypeAddress,
        MuxedAddress: T.scSpecTypeMuxedAddress,
        I128: T.scSpecTypeI128,
        U128: T.scSpecTypeU128,
        I256: T.scSpecTypeI256,
        U256: T.scSpecTypeU256,
        Timepoint: T.scSpecTypeTimepoint,
        Duration: T.scSpecTypeDuration,
      }[t.name]();
    case 'bytesN':
      return T.scSpecTypeBytesN(new xdr.ScSpecTypeBytesN({ n: t.n }));
    case 'vec':
      return T.scSpecTypeVec(new xdr.ScSpecTypeVec({ elementType: specType(t.element) }));
    case 'map':
      return T.scSpecTypeMap(
        new xdr.ScSpecTypeMap({ keyType: specType(t.key), valueType: specType(t.value) }),
      );
    case 'option':
      return T.scSpecTypeOption(new xdr.ScSpecTypeOption({ valueType: specType(t.inner) }));
    case 'udt':
      return T.scSpecTypeUdt(new xdr.ScSpecTypeUdt({ name: t.name }));
    case 'result':
      return T.scSpecTypeResult(
        new xdr.ScSpecTypeResult({
          okType: specType(t.ok),
          errorType: T.scSpecTypeUdt(new xdr.ScSpecTypeUdt({ name: t.error })),
        }),
      );
  }
};

const byName = <F extends { name: string }>(a: F, b: F): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

const typeEntry = (d: TypeDef): xdr.ScSpecEntry => {
  switch (d.kind) {
    case 'struct':
      // Named fields sorted by name, as the Rust SDK lists them (and as the Val map orders them);
      // a tuple struct's fields in order, named by their index.
      return xdr.ScSpecEntry.scSpecEntryUdtStructV0(
        new xdr.ScSpecUdtStructV0({
          doc: d.doc,
          lib: '',
          name: d.name,
          fields: (d.tuple ? d.fields : [...d.fields].sort(byName)).map(
            (f, i) =>
              new xdr.ScSpecUdtStructFieldV0({
                doc: f.doc,
                name: d.tuple ? String(i) : f.name,
                type: specType(f.type),
              }),
          ),
        }),
      );
    case 'union':
      return xdr.ScSpecEntry.scSpecEntryUdtUnionV0(
        new xdr.ScSpecUdtUnionV0({
          doc: d.doc,
          lib: '',
          name: d.name,
          cases: d.cases.map((c) =>
            c.fields.length === 0
              ? xdr.ScSpecUdtUnionCaseV0.scSpecUdtUnionCaseVoidV0(
                  new xdr.ScSpecUdtUnionCaseVoidV0({ doc: c.doc, name: c.name }),
                )
              : xdr.ScSpecUdtUnionCaseV0.scSpecUdtUnionCaseTupleV0(
                  new xdr.ScSpecUdtUnionCaseTupleV0({
                    doc: c.doc,
                    name: c.name,
                    type: c.fields.map((f) => specType(f.type)),
                  }),
                ),
          ),
        }),
      );
    case 'enum':
      return xdr.ScSpecEntry.scSpecEntryUdtEnumV0(
        new xdr.ScSpecUdtEnumV0({
          doc: d.doc,
          lib: '',
          name: d.name,
          cases: d.cases.map(
            (c) => new xdr.ScSpecUdtEnumCaseV0({ doc: c.doc, name: c.name, value: c.value }),
          ),
        }),
      );
    case 'error':
      return xdr.ScSpecEntry.scSpecEntryUdtErrorEnumV0(
        new xdr.ScSpecUdtErrorEnumV0({
          doc: d.doc,
          lib: '',
          name: d.name,
          cases: d.cases.map(
            (c) => new xdr.ScSpecUdtErrorEnumCaseV0({ doc: c.doc, name: c.name, value: c.value }),
          ),
        }),
      );
  }
};

const eventEntry = (e: EventDef): xdr.ScSpecEntry =>
  xdr.ScSpecEntry.scSpecEntryEventV0(
    new xdr.ScSpecEventV0({
      doc: e.doc,
      lib: '',
      name: e.name,
      prefixTopics: [...e.prefixTopics],
      params: e.params.map(
        (p) =>
          new xdr.ScSpecEventParamV0({
            doc: p.doc,
            name: p.name,
            type: specType(p.type),
            location: p.topic
              ? xdr.ScSpecEventParamLocationV0.scSpecEventParamLocationTopicList
              : xdr.ScSpecEventParamLocationV0.scSpecEventParamLocationData,
          }),
      ),
      dataFormat: {
        map: xdr.ScSpecEventDataFormat.scSpecEventDataFormatMap,
        vec: xdr.ScSpecEventDataFormat.scSpecEventDataFormatVec,
        'single-value': xdr.ScSpecEventDataFormat.scSpecEventDataFormatSingleValue,
      }[e.dataFormat],
    }),
  );

/** The spec entries: contract types, events, then functions, each in source order. */
export const specEntries = (model: ContractModel): xdr.ScSpecEntry[] => [
  ...model.types.map(typeEntry),
  ...model.events.map(eventEntry),
  ...model.functions.map((f) =>
    xdr.ScSpecEntry.scSpecEntryFunctionV0(
      new xdr.ScSpecFunctionV0({
        doc: f.doc,
        name: f.name,
        inputs: f.params.map(
          (p) => new xdr.ScSpecFunctionInputV0({ doc: p.doc, name: p.name, type: specType(p.type) }),
        ),
        outputs: f.returns.kind === 'void' ? [] : [specType(f.returns)],
      }),
    ),
  ),
];

const entryName = (e: xdr.ScSpecEntry): string => {
  const body = Object.values(e).find((v) => v && typeof v === 'object' && 'name' in v) as
    { name: unknown } | undefined;
  return String(body?.name ?? '?');
};

/** Concatenated XDR of the entries (the section is a stream of entries). */
export const encodeEntries = (entries: readonly xdr.ScSpecEntry[]): Uint8Array => {
  const parts = entries.map((e) => {
    try {
      return e.toXDR();
    } catch (err) {
      // XDR bounds: e.g. at most 10 inputs a function, 40 struct fields, 50 union/enum cases.
      throw new ContractBuildError(
        `the spec entry for ${entryName(e)} exceeds an XDR limit: ${(err as Error).message}`,
      );
    }
  });
  return Buffer.concat(parts);
};

export const envMetaSection = (protocol: number, preRelease: number): Uint8Array =>
  xdr.ScEnvMetaEntry.scEnvMetaKindInterfaceVersion(
    new xdr.ScEnvMetaEntryInterfaceVersion({ protocol, preRelease }),
  ).toXDR();

export const contractMetaSection = (entries: Readonly<Record<string, string>>): Uint8Array =>
  Buffer.concat(
    Object.entries(entries).map(([key, val]) =>
      xdr.ScMetaEntry.scMetaV0(new xdr.ScMetaV0({ key, val })).toXDR(),
    ),
  );
