/** Appends custom sections to a Wasm module, and reads them back. */

const leb128 = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

/** A custom section (id 0): its name, then the payload. */
export const customSection = (name: string, payload: Uint8Array): Uint8Array => {
  const nameBytes = new TextEncoder().encode(name);
  const content = [...leb128(nameBytes.length), ...nameBytes];
  return Uint8Array.from([0, ...leb128(content.length + payload.length), ...content, ...payload]);
};

export const appendSections = (
  wasm: Uint8Array,
  sections: readonly { name: string; payload: Uint8Array }[],
): Uint8Array =>
  new Uint8Array(Buffer.concat([wasm, ...sections.map((s) => customSection(s.name, s.payload))]));

const readLeb = (b: Uint8Array, at: number): [number, number] => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = b[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
    shift += 7;
  }
};

/** The payloads of the custom sections named `name`, in order. */
export const readCustomSections = (wasm: Uint8Array, name: string): Uint8Array[] => {
  const found: Uint8Array[] = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = readLeb(wasm, at + 1);
    if (id === 0) {
      const [nameLen, nameAt] = readLeb(wasm, body);
      if (new TextDecoder().decode(wasm.subarray(nameAt, nameAt + nameLen)) === name)
        found.push(wasm.subarray(nameAt + nameLen, body + size));
    }
    at = body + size;
  }
  return found;
};
