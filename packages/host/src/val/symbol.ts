import { ErrorCode, ErrorType, hostError } from './error.ts';

/** Symbols: `[_0-9A-Za-z]`, up to 32 chars; up to 9 fit a SymbolSmall (`soroban-env-common/src/symbol.rs`). */
export const SYMBOL_MAX_LEN = 32;
export const SYMBOL_SMALL_MAX_LEN = 9;

const CODE_BITS = 6n;

/** The 6-bit code of a symbol char, or 0 when the char is not allowed. */
export const symbolCharCode = (c: number): number => {
  if (c === 0x5f) return 1; // '_'
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 2;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 12;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 38;
  return 0;
};

const codeToChar = (code: number): number => {
  if (code === 1) return 0x5f;
  if (code < 12) return code - 2 + 0x30;
  if (code < 38) return code - 12 + 0x41;
  return code - 38 + 0x61;
};

/** Checks the chars and length of a symbol; `Error(Value, InvalidInput)` otherwise. */
export const validateSymbol = (bytes: Uint8Array): void => {
  if (bytes.length > SYMBOL_MAX_LEN)
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `symbol too long: ${bytes.length} > ${SYMBOL_MAX_LEN}`);
  for (const c of bytes)
    if (symbolCharCode(c) === 0)
      throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `symbol has an invalid char: 0x${c.toString(16)}`);
};

/** The 56-bit body of a SymbolSmall for `bytes` (already validated, at most 9 chars). */
export const symbolSmallBody = (bytes: Uint8Array): bigint => {
  let acc = 0n;
  for (const c of bytes) acc = (acc << CODE_BITS) | BigInt(symbolCharCode(c));
  return acc;
};

/** Decodes a SymbolSmall body; zero codes are padding and are skipped, as the reference does. */
export const symbolSmallBytes = (body: bigint): Uint8Array => {
  const out: number[] = [];
  for (let acc = body; acc !== 0n; acc >>= CODE_BITS) {
    const code = Number(acc & 0x3fn);
    if (code !== 0) out.push(codeToChar(code));
  }
  return Uint8Array.from(out.reverse());
};

/** The reference accepts any SymbolSmall body whose top two bits are zero (`Val::is_good`). */
export const isValidSymbolSmallBody = (body: bigint): boolean => body >> 54n === 0n;
