/** Val tags (low 8 bits of a Val), as `soroban-env-common/src/val.rs`. */
export const enum Tag {
  False = 0,
  True = 1,
  Void = 2,
  Error = 3,
  U32Val = 4,
  I32Val = 5,
  U64Small = 6,
  I64Small = 7,
  TimepointSmall = 8,
  DurationSmall = 9,
  U128Small = 10,
  I128Small = 11,
  U256Small = 12,
  I256Small = 13,
  SymbolSmall = 14,
  SmallCodeUpperBound = 15,
  ObjectCodeLowerBound = 63,
  U64Object = 64,
  I64Object = 65,
  TimepointObject = 66,
  DurationObject = 67,
  U128Object = 68,
  I128Object = 69,
  U256Object = 70,
  I256Object = 71,
  BytesObject = 72,
  StringObject = 73,
  SymbolObject = 74,
  VecObject = 75,
  MapObject = 76,
  AddressObject = 77,
  MuxedAddressObject = 78,
  ExecutableTagObject = 79,
  ObjectCodeUpperBound = 80,
  Bad = 0x7f,
}

export const isObjectTag = (tag: number): boolean => tag > Tag.ObjectCodeLowerBound && tag < Tag.ObjectCodeUpperBound;

/** Tags whose objects hold a single integer value. */
export const isNumericObjectTag = (tag: number): boolean => tag >= Tag.U64Object && tag <= Tag.I256Object;
