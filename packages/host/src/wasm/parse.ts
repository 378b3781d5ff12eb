/**
 * Parses a contract module and enforces the Wasm features the reference host accepts:
 * MVP plus bulk-memory, mutable-global and sign-ext. Floats, SIMD, multi-value, reference types,
 * tail calls, threads, extended-const, multi-memory and exceptions are rejected with
 * `Error(WasmVm, InvalidInput)` (`soroban-env-host/src/budget/wasmi_helper.rs`).
 * Function bodies are decoded instruction by instruction, which also yields the metering points
 * the instrumenter needs.
 */
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Reader, invalidWasm } from './binary.ts';

export const I32 = 0x7f;
export const I64 = 0x7e;

export interface FuncType {
  readonly params: readonly number[];
  readonly results: readonly number[];
}
export interface FuncImport {
  readonly module: string;
  readonly name: string;
  readonly typeIndex: number;
}
export interface Export {
  readonly name: string;
  readonly kind: number;
  readonly index: number;
}
export interface Limits {
  readonly min: number;
  readonly max: number | undefined;
}
/** A metering point: before byte `at` of the module, charge `cost` fuel. */
export interface MeterPoint {
  readonly at: number;
  readonly cost: number;
  readonly kind: 'entry' | 'loop' | 'arm';
}
interface BodyScan {
  /** The first point is the function entry; the others are loop headers and if/else arms. */
  readonly points: readonly MeterPoint[];
  /** Offset of each `return` and the number of blocks enclosing it, flattened in pairs. */
  readonly returns: readonly number[];
  /** Offsets of each `memory.grow` (two bytes). */
  readonly grows: readonly number[];
  /** The function's result type (0x40 for none), for the block that wraps its body. */
  readonly resultType: number;
}
export interface FunctionBody extends BodyScan {
  /** Offsets into the module bytes: the body (after its size), and where its instructions begin. */
  readonly start: number;
  readonly codeStart: number;
  readonly end: number;
}
export interface Section {
  readonly id: number;
  readonly start: number;
  readonly end: number;
}
export interface CustomSection {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Counts the reference charges parse and instantiation costs on (`xdr.ContractCodeCostInputs`). */
export interface CodeCostInputs {
  nInstructions: number;
  nFunctions: number;
  nGlobals: number;
  nTableEntries: number;
  nTypes: number;
  nDataSegments: number;
  nElemSegments: number;
  nImports: number;
  nExports: number;
  nDataSegmentBytes: number;
}

export interface ParsedModule {
  readonly bytes: Uint8Array;
  readonly sections: readonly Section[];
  readonly customSections: readonly CustomSection[];
  readonly types: readonly FuncType[];
  readonly imports: readonly FuncImport[];
  /** Type index of each defined (non-imported) function. */
  readonly functions: readonly number[];
  readonly memory: Limits | undefined;
  readonly globalCount: number;
  readonly typeCount: number;
  readonly exports: readonly Export[];
  readonly start: number | undefined;
  readonly bodies: readonly FunctionBody[];
  readonly costInputs: CodeCostInputs;
}

const valType = (t: number, where: string): number => {
  if (t === I32 || t === I64) return t;
  if (t === 0x7d || t === 0x7c) throw invalidWasm(`floating-point type in ${where}: floats are not allowed`);
  if (t === 0x7b) throw invalidWasm(`v128 type in ${where}: SIMD is not allowed`);
  if (t === 0x70 || t === 0x6f) throw invalidWasm(`reference type in ${where}: reference types are not allowed`);
  throw invalidWasm(`unknown value type 0x${t.toString(16)} in ${where}`);
};

const limits = (r: Reader, what: string): Limits => {
  const flags = r.byte();
  if (flags & 0x02) throw invalidWasm(`shared ${what}: threads are not allowed`);
  if (flags & 0x04) throw invalidWasm(`64-bit ${what}: memory64 is not allowed`);
  if (flags > 1) throw invalidWasm(`invalid ${what} limits flags ${flags}`);
  const min = r.u32();
  return { min, max: flags === 1 ? r.u32() : undefined };
};

/** A constant expression: one `i32.const`, `i64.const` or `global.get`, then `end`. */
const constExpr = (r: Reader, where: string): void => {
  const op = r.byte();
  if (op === 0x41) r.skipSigned(32);
  else if (op === 0x42) r.skipSigned(64);
  else if (op === 0x23) r.u32();
  else if (op === 0x43 || op === 0x44) throw invalidWasm(`float constant in ${where}: floats are not allowed`);
  else if (op === 0xd0 || op === 0xd2) throw invalidWasm(`reference in ${where}: reference types are not allowed`);
  else throw invalidWasm(`unsupported constant expression in ${where}`);
  const end = r.byte();
  if (end !== 0x0b) throw invalidWasm(`extended constant expression in ${where}: extended-const is not allowed`);
};

const blockType = (r: Reader, typeCount: number, types: readonly FuncType[]): void => {
  const b = r.bytes[r.pos];
  if (b === 0x40) {
    r.pos++;
    return;
  }
  if (b & 0x40) {
    r.pos++;
    valType(b, 'block type');
    return;
  }
  const index = Number(r.signed(33));
  if (index < 0 || index >= typeCount) throw invalidWasm('block type index out of range');
  const t = types[index];
  if (t.params.length > 0 || t.results.length > 1)
    throw invalidWasm('block with parameters or several results: multi-value is not allowed');
};

const memArg = (r: Reader): void => {
  r.u32();
  r.u32();
};

const zeroByte = (r: Reader, what: string): void => {
  if (r.byte() !== 0) throw invalidWasm(`${what} with a non-zero index: multi-memory/reference types are not allowed`);
};

/**
 * Fuel weights soroban configures for wasmi (`load_calibrated_fuel_costs`): base 1, entity 3
 * (globals, memory and table ops), load 2, store 1, call 67.
 */
export const FUEL = { base: 1, entity: 3, load: 2, store: 1, call: 67 } as const;

interface ControlFrame {
  readonly kind: 'block' | 'loop' | 'if' | 'else' | 'func';
  /** Index of the metering point that pays for this frame's straight-line code. */
  point: number;
}

/**
 * Decodes one function body, rejecting disallowed instructions, and records where to meter, the
 * way wasmi charges fuel: one charge at function entry, at each loop header and at each if/else
 * arm, covering every instruction of that frame up front; a `block` is paid by its parent.
 */
const scanBody = (r: Reader, types: readonly FuncType[], inputs: CodeCostInputs, entryCost: number, resultType: number): BodyScan => {
  const points: MeterPoint[] = [{ at: r.pos, cost: FUEL.base + entryCost, kind: 'entry' }];
  const returns: number[] = [];
  const grows: number[] = [];
  const stack: ControlFrame[] = [{ kind: 'func', point: 0 }];
  const charge = (n: number): void => {
    (points[stack[stack.length - 1].point] as { cost: number }).cost += n;
  };
  const newPoint = (kind: 'loop' | 'arm'): number => points.push({ at: r.pos, cost: FUEL.base, kind }) - 1;
  for (;;) {
    const at = r.pos;
    const op = r.byte();
    inputs.nInstructions++;
    if (op <= 0x11) {
      switch (op) {
        case 0x00: // unreachable
          charge(FUEL.base);
          break;
        case 0x0f: // return
          charge(FUEL.base);
          returns.push(at, stack.length - 1);
          break;
        case 0x01: // nop
          break;
        case 0x02: // block
          blockType(r, types.length, types);
          stack.push({ kind: 'block', point: stack[stack.length - 1].point });
          break;
        case 0x03: // loop
          blockType(r, types.length, types);
          stack.push({ kind: 'loop', point: newPoint('loop') });
          break;
        case 0x04: // if
          charge(FUEL.base);
          blockType(r, types.length, types);
          stack.push({ kind: 'if', point: newPoint('arm') });
          break;
        case 0x05: {
          // else: the then-arm ends with a branch over the else-arm
          const top = stack[stack.length - 1];
          if (top.kind !== 'if') throw invalidWasm('else without if');
          charge(FUEL.base);
          stack[stack.length - 1] = { kind: 'else', point: newPoint('arm') };
          break;
        }
        case 0x0b: // end
          stack.pop();
          if (stack.length === 0) return { points, returns, grows, resultType };
          break;
        case 0x0c: // br
        case 0x0d: // br_if
          r.u32();
          charge(FUEL.base);
          break;
        case 0x10: // call
          r.u32();
          charge(FUEL.call);
          break;
        case 0x0e: {
          // br_table
          const n = r.u32();
          for (let i = 0; i <= n; i++) r.u32();
          charge(FUEL.base);
          break;
        }
        case 0x11: // call_indirect
          r.u32();
          zeroByte(r, 'call_indirect');
          charge(FUEL.call);
          break;
        default:
          throw invalidWasm(`invalid opcode 0x${op.toString(16)}`);
      }
      continue;
    }
    if (op === 0x12 || op === 0x13) throw invalidWasm('return_call: tail calls are not allowed');
    if (op === 0x1a || op === 0x1b) {
      charge(FUEL.base); // drop, select
      continue;
    }
    if (op === 0x1c) throw invalidWasm('typed select: reference types are not allowed');
    if (op >= 0x20 && op <= 0x24) {
      r.u32(); // local/global index
      charge(op >= 0x23 ? FUEL.entity : FUEL.base);
      continue;
    }
    if (op === 0x25 || op === 0x26) throw invalidWasm('table.get/set: reference types are not allowed');
    if (op >= 0x28 && op <= 0x3e) {
      if (op === 0x2a || op === 0x2b || op === 0x38 || op === 0x39)
        throw invalidWasm('floating-point load/store: floats are not allowed');
      memArg(r);
      charge(op <= 0x35 ? FUEL.load : FUEL.store);
      continue;
    }
    if (op === 0x3f || op === 0x40) {
      zeroByte(r, 'memory.size/grow');
      charge(FUEL.entity);
      if (op === 0x40) grows.push(at);
      continue;
    }
    if (op === 0x41) {
      r.skipSigned(32);
      charge(FUEL.base);
      continue;
    }
    if (op === 0x42) {
      r.skipSigned(64);
      charge(FUEL.base);
      continue;
    }
    if (op === 0x43 || op === 0x44) throw invalidWasm('floating-point constant: floats are not allowed');
    if ((op >= 0x45 && op <= 0x5a) || (op >= 0x67 && op <= 0x8a) || op === 0xa7 || op === 0xac || op === 0xad || (op >= 0xc0 && op <= 0xc4)) {
      charge(FUEL.base); // integer compare/arith, wrap/extend, sign-ext
      continue;
    }
    if (op >= 0x5b && op <= 0x66) throw invalidWasm('floating-point comparison: floats are not allowed');
    if (op >= 0x8b && op <= 0xa6) throw invalidWasm('floating-point arithmetic: floats are not allowed');
    if (op >= 0xa8 && op <= 0xbf) throw invalidWasm('floating-point conversion: floats are not allowed');
    if (op >= 0xd0 && op <= 0xd2) throw invalidWasm('reference instruction: reference types are not allowed');
    if (op === 0xfc) {
      const sub = r.u32();
      if (sub <= 7) throw invalidWasm('saturating float truncation: floats are not allowed');
      switch (sub) {
        case 8: // memory.init
          r.u32();
          zeroByte(r, 'memory.init');
          break;
        case 9: // data.drop
        case 13: // elem.drop
          r.u32();
          break;
        case 10: // memory.copy
        case 14: // table.copy
          zeroByte(r, 'memory.copy/table.copy');
          zeroByte(r, 'memory.copy/table.copy');
          break;
        case 11: // memory.fill
          zeroByte(r, 'memory.fill');
          break;
        case 12: // table.init
          r.u32();
          zeroByte(r, 'table.init');
          break;
        default:
          throw invalidWasm('table.grow/size/fill: reference types are not allowed');
      }
      charge(FUEL.entity);
      continue;
    }
    if (op === 0xfd) throw invalidWasm('SIMD instruction: SIMD is not allowed');
    if (op === 0xfe) throw invalidWasm('atomic instruction: threads are not allowed');
    throw invalidWasm(`invalid or disallowed opcode 0x${op.toString(16)}`);
  }
};

export const parseModule = (bytes: Uint8Array): ParsedModule => {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d)
    throw invalidWasm('not a Wasm module (bad magic)');
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0)
    throw invalidWasm('unsupported Wasm version');
  const r = new Reader(bytes, 8);
  const sections: Section[] = [];
  const customSections: CustomSection[] = [];
  const types: FuncType[] = [];
  const imports: FuncImport[] = [];
  const functions: number[] = [];
  const exports: Export[] = [];
  const bodies: FunctionBody[] = [];
  let memory: Limits | undefined;
  let tableCount = 0;
  let globalCount = 0;
  let start: number | undefined;
  const inputs: CodeCostInputs = {
    nInstructions: 0,
    nFunctions: 0,
    nGlobals: 0,
    nTableEntries: 0,
    nTypes: 0,
    nDataSegments: 0,
    nElemSegments: 0,
    nImports: 0,
    nExports: 0,
    nDataSegmentBytes: 0,
  };

  while (!r.atEnd()) {
    const id = r.byte();
    const size = r.u32();
    const sectionStart = r.pos;
    const sectionEnd = sectionStart + size;
    if (sectionEnd > bytes.length) throw invalidWasm('section extends past the end of the module');
    sections.push({ id, start: sectionStart, end: sectionEnd });
    const s = new Reader(bytes, sectionStart, sectionEnd);
    switch (id) {
      case 0: {
        const name = s.name();
        customSections.push({ name, data: bytes.subarray(s.pos, sectionEnd) });
        s.pos = sectionEnd;
        break;
      }
      case 1: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          if (s.byte() !== 0x60) throw invalidWasm('invalid function type');
          const params = Array.from({ length: s.u32() }, () => valType(s.byte(), 'a function type'));
          const results = Array.from({ length: s.u32() }, () => valType(s.byte(), 'a function type'));
          if (results.length > 1) throw invalidWasm('function with several results: multi-value is not allowed');
          types.push({ params, results });
        }
        inputs.nTypes = n;
        break;
      }
      case 2: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const module = s.name();
          const name = s.name();
          const kind = s.byte();
          if (kind !== 0)
            throw hostError(ErrorType.WasmVm, ErrorCode.InvalidAction, `import ${module}.${name} is not a function: only host functions can be imported`);
          imports.push({ module, name, typeIndex: s.u32() });
        }
        inputs.nImports = n;
        break;
      }
      case 3: {
        const n = s.u32();
        for (let i = 0; i < n; i++) functions.push(s.u32());
        inputs.nFunctions = n;
        break;
      }
      case 4: {
        const n = s.u32();
        tableCount += n;
        if (tableCount > 1) throw invalidWasm('several tables: reference types are not allowed');
        for (let i = 0; i < n; i++) {
          const refType = s.byte();
          if (refType !== 0x70) throw invalidWasm('externref table: reference types are not allowed');
          inputs.nTableEntries += limits(s, 'table').min;
        }
        break;
      }
      case 5: {
        const n = s.u32();
        if (n > 1) throw invalidWasm('several memories: multi-memory is not allowed');
        if (n === 1) memory = limits(s, 'memory');
        break;
      }
      case 6: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          valType(s.byte(), 'a global');
          const mutability = s.byte();
          if (mutability > 1) throw invalidWasm('invalid global mutability');
          constExpr(s, 'a global initializer');
        }
        globalCount = n;
        inputs.nGlobals = n;
        break;
      }
      case 7: {
        const n = s.u32();
        for (let i = 0; i < n; i++) exports.push({ name: s.name(), kind: s.byte(), index: s.u32() });
        inputs.nExports = n;
        break;
      }
      case 8:
        start = s.u32();
        break;
      case 9: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const flags = s.u32();
          if (flags > 3) throw invalidWasm('element segment with expressions: reference types are not allowed');
          if (flags === 2) s.u32(); // table index (must be 0, checked by the engine)
          if ((flags & 1) === 0) constExpr(s, 'an element offset');
          if (flags !== 0 && s.byte() !== 0x00) throw invalidWasm('element segment kind must be funcref');
          const count = s.u32();
          for (let j = 0; j < count; j++) s.u32();
          inputs.nTableEntries += count;
        }
        inputs.nElemSegments = n;
        break;
      }
      case 10: {
        const n = s.u32();
        if (n !== functions.length) throw invalidWasm('function and code section counts differ');
        for (let i = 0; i < n; i++) {
          const bodySize = s.u32();
          const bodyStart = s.pos;
          const bodyEnd = bodyStart + bodySize;
          if (bodyEnd > sectionEnd) throw invalidWasm('function body extends past its section');
          const b = new Reader(bytes, bodyStart, bodyEnd);
          const groups = b.u32();
          let locals = 0;
          for (let g = 0; g < groups; g++) {
            locals += b.u32();
            valType(b.byte(), 'function locals');
          }
          const codeStart = b.pos;
          const type = types[functions[i]];
          const params = type?.params.length ?? 0;
          // wasmi charges one fuel per 8 params and locals on entry (`func_locals_per_fuel`).
          const scan = scanBody(b, types, inputs, Math.floor((params + locals) / 8), type?.results[0] ?? 0x40);
          if (b.pos !== bodyEnd) throw invalidWasm('function body has bytes after its end');
          bodies.push({ start: bodyStart, codeStart, end: bodyEnd, ...scan });
          s.pos = bodyEnd;
        }
        break;
      }
      case 11: {
        const n = s.u32();
        for (let i = 0; i < n; i++) {
          const flags = s.u32();
          if (flags === 2) s.u32();
          else if (flags > 2) throw invalidWasm('invalid data segment flags');
          if (flags !== 1) constExpr(s, 'a data offset');
          const len = s.u32();
          s.take(len);
          inputs.nDataSegmentBytes += len;
        }
        inputs.nDataSegments = n;
        break;
      }
      case 12:
        s.u32();
        break;
      default:
        throw invalidWasm(`unknown or disallowed section id ${id}`);
    }
    if (s.pos !== sectionEnd) throw invalidWasm(`section ${id} has a wrong size`);
    r.pos = sectionEnd;
  }
  for (const t of [...imports.map((i) => i.typeIndex), ...functions])
    if (t >= types.length) throw invalidWasm('function type index out of range');
  return {
    bytes,
    sections,
    customSections,
    types,
    imports,
    functions,
    memory,
    globalCount,
    typeCount: types.length,
    exports,
    start,
    bodies,
    costInputs: inputs,
  };
};
