/** Minimal Wasm binary reading and writing: LEB128 and byte buffers. */
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';

export const invalidWasm = (message: string) => hostError(ErrorType.WasmVm, ErrorCode.InvalidInput, message);

export class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw invalidWasm('unexpected end of module');
    return this.bytes[this.pos++];
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift === 28 && b > 0x0f) throw invalidWasm('invalid u32 LEB128');
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** Skips a signed LEB128 of at most `bits` bits. */
  skipSigned(bits: number): void {
    const maxBytes = Math.ceil(bits / 7);
    for (let i = 0; i < maxBytes; i++) if ((this.byte() & 0x80) === 0) return;
    throw invalidWasm('invalid signed LEB128');
  }

  /** Reads a signed LEB128 as a bigint (block types use s33). */
  signed(bits: number): bigint {
    let result = 0n;
    let shift = 0n;
    let b: number;
    const maxBytes = Math.ceil(bits / 7);
    let i = 0;
    do {
      if (i++ >= maxBytes) throw invalidWasm('invalid signed LEB128');
      b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40) result -= 1n << shift;
    return result;
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw invalidWasm('unexpected end of module');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  name(): string {
    const bytes = this.take(this.u32());
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw invalidWasm('name is not valid UTF-8');
    }
  }
}

export class Writer {
  private chunks: number[] = [];

  byte(b: number): this {
    this.chunks.push(b & 0xff);
    return this;
  }

  u32(n: number): this {
    let v = n >>> 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.chunks.push(b);
    } while (v !== 0);
    return this;
  }

  signed(n: bigint): this {
    let v = n;
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      this.chunks.push(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  bytes(data: ArrayLike<number>): this {
    for (let i = 0; i < data.length; i++) this.chunks.push(data[i]);
    return this;
  }

  name(s: string): this {
    const data = new TextEncoder().encode(s);
    return this.u32(data.length).bytes(data);
  }

  /** Appends `inner` prefixed with its length. */
  sized(inner: Writer): this {
    const data = inner.finish();
    return this.u32(data.length).bytes(data);
  }

  get length(): number {
    return this.chunks.length;
  }

  finish(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.chunks);
  }
}
