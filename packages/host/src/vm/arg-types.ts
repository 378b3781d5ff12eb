/**
 * Checking a Val that crosses from Wasm into the host against the type env.json declares
 * (`soroban-env-host/src/vm/dispatch.rs`): a malformed Val or a tag the type does not admit is
 * `Error(Value, InvalidInput)`.
 */
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { isValidSymbolSmallBody } from '../val/symbol.ts';
import { Tag, isObjectTag } from '../val/tag.ts';
import { bodyOf, majorOf, minorOf, tagOf, type Val } from '../val/val.ts';

/** Env.json arg/return types that are raw 64-bit integers, not Vals. */
export const RAW_TYPES = new Set(['u64', 'i64', 'StorageType', 'ContractTtlExtension']);

const OBJECT_TYPES: Record<string, Tag> = {
  U64Object: Tag.U64Object,
  I64Object: Tag.I64Object,
  TimepointObject: Tag.TimepointObject,
  DurationObject: Tag.DurationObject,
  U128Object: Tag.U128Object,
  I128Object: Tag.I128Object,
  U256Object: Tag.U256Object,
  I256Object: Tag.I256Object,
  BytesObject: Tag.BytesObject,
  StringObject: Tag.StringObject,
  SymbolObject: Tag.SymbolObject,
  VecObject: Tag.VecObject,
  MapObject: Tag.MapObject,
  AddressObject: Tag.AddressObject,
  MuxedAddressObject: Tag.MuxedAddressObject,
  ExecutableTagObject: Tag.ExecutableTagObject,
};

const UNION_TYPES: Record<string, readonly Tag[]> = {
  Bool: [Tag.False, Tag.True],
  Void: [Tag.Void],
  Error: [Tag.Error],
  U32Val: [Tag.U32Val],
  I32Val: [Tag.I32Val],
  Symbol: [Tag.SymbolSmall, Tag.SymbolObject],
  U64Val: [Tag.U64Small, Tag.U64Object],
  I64Val: [Tag.I64Small, Tag.I64Object],
  U256Val: [Tag.U256Small, Tag.U256Object],
  I256Val: [Tag.I256Small, Tag.I256Object],
};

/** The tags a type admits, or undefined for any Val. */
export const allowedTags = (type: string): readonly Tag[] | undefined => {
  if (type === 'Val') return undefined;
  const obj = OBJECT_TYPES[type];
  if (obj !== undefined) return [obj];
  const union = UNION_TYPES[type];
  if (union) return union;
  throw new Error(`env.json type ${type} is not known to the dispatcher`);
};

/** Well-formedness of a Val's body for its tag (`Val::is_good`). */
export const checkGoodVal = (v: Val): void => {
  const tag = tagOf(v);
  let good: boolean;
  switch (tag) {
    case Tag.False:
    case Tag.True:
    case Tag.Void:
      good = bodyOf(v) === 0n;
      break;
    case Tag.U32Val:
    case Tag.I32Val:
      good = minorOf(v) === 0;
      break;
    case Tag.Error:
      good = minorOf(v) <= ErrorType.Auth && (minorOf(v) === ErrorType.Contract || majorOf(v) <= 9);
      break;
    case Tag.SymbolSmall:
      good = isValidSymbolSmallBody(bodyOf(v));
      break;
    default:
      good = tag < Tag.SmallCodeUpperBound || (isObjectTag(tag) && minorOf(v) === 0);
      // Tags 15..63 and 80.. are not Vals at all.
  }
  if (!good) throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `malformed value 0x${v.toString(16)} (tag ${tag})`);
};

export const checkType = (v: Val, tags: readonly Tag[] | undefined, type: string): void => {
  checkGoodVal(v);
  if (tags && !tags.includes(tagOf(v)))
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `expected ${type}, got a value with tag ${tagOf(v)}`);
};
