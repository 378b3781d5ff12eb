/**
 * Deterministic metering by rewriting the module, so contracts run on V8 at native speed while
 * being charged like the reference's wasmi:
 * - a fuel global (i64): each metering point subtracts its cost; function entries and loop
 *   headers (the only ways code can run unboundedly) trap once it is negative. The host writes the
 *   fuel before a call and reads it back at every host call, and charges any overrun;
 * - a call-depth global (i32): each function's body is wrapped in a block, so that entry
 *   increments and every exit (`return` becomes a branch to that block) decrements it; entry past
 *   wasmi's 1024-frame recursion limit traps;
 * - a memory-pages global (i64) and a grow helper replacing `memory.grow`: growth costs 1024 fuel
 *   per page and traps past the pages the memory budget allows.
 * A trap the host caused sets the fuel to -1, which is how the host tells it from a contract trap.
 */
import { Writer } from './binary.ts';
import type { FunctionBody, ParsedModule } from './parse.ts';

export const FUEL_EXPORT = '__sorobox_fuel';
export const MEMORY_PAGES_EXPORT = '__sorobox_memory_pages';
export const DEPTH_EXPORT = '__sorobox_depth';
/** wasmi's default maximum recursion depth. */
export const MAX_CALL_DEPTH = 1024;
/** Fuel per page grown: `memory_bytes_per_fuel` = 64. */
export const GROW_FUEL_PER_PAGE = 1024;
const PAGE = 65536;
const MAX_PAGES = 65536;

/** Wasm section order; custom sections (id 0) are dropped, the engine does not need them. */
const SECTION_RANK: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 12: 10, 10: 11, 11: 12 };

const enum Op {
  Unreachable = 0x00,
  Block = 0x02,
  If = 0x04,
  End = 0x0b,
  Br = 0x0c,
  Return = 0x0f,
  Call = 0x10,
  LocalGet = 0x20,
  GlobalGet = 0x23,
  GlobalSet = 0x24,
  MemorySize = 0x3f,
  MemoryGrow = 0x40,
  I32Const = 0x41,
  I64Const = 0x42,
  I64LtS = 0x53,
  I64GtU = 0x56,
  I32GtU = 0x4b,
  I32Add = 0x6a,
  I32Or = 0x72,
  I32Sub = 0x6b,
  I64Add = 0x7c,
  I64Sub = 0x7d,
  I64Mul = 0x7e,
  I64ExtendI32U = 0xad,
}
const EMPTY_BLOCK = 0x40;

interface Globals {
  readonly fuel: number;
  readonly pages: number;
  readonly depth: number;
}

/** `fuel -= cost` */
const subtractFuel = (w: Writer, g: Globals, cost: number): Writer =>
  w.byte(Op.GlobalGet).u32(g.fuel).byte(Op.I64Const).signed(BigInt(cost)).byte(Op.I64Sub).byte(Op.GlobalSet).u32(g.fuel);

/** `fuel -= cost; if (fuel < 0) unreachable` (a loop header). */
const loopCharge = (g: Globals, cost: number): Writer =>
  subtractFuel(new Writer(), g, cost)
    .byte(Op.GlobalGet).u32(g.fuel)
    .byte(Op.I64Const).byte(0)
    .byte(Op.I64LtS)
    .bytes([Op.If, EMPTY_BLOCK, Op.Unreachable, Op.End]);

/** Function entry: `depth += 1; fuel -= cost; if (fuel < 0 | depth > limit) trap; block` */
const entryCode = (g: Globals, cost: number, resultType: number): Writer => {
  const w = new Writer()
    .byte(Op.GlobalGet).u32(g.depth)
    .byte(Op.I32Const).signed(1n)
    .byte(Op.I32Add)
    .byte(Op.GlobalSet).u32(g.depth);
  subtractFuel(w, g, cost)
    .byte(Op.GlobalGet).u32(g.fuel)
    .byte(Op.I64Const).byte(0)
    .byte(Op.I64LtS)
    .byte(Op.GlobalGet).u32(g.depth)
    .byte(Op.I32Const).signed(BigInt(MAX_CALL_DEPTH))
    .byte(Op.I32GtU)
    .byte(Op.I32Or);
  return hostTrap(w, g).byte(Op.Block).byte(resultType);
};

/** Function exit: close the wrapping block, `depth -= 1`. */
const exitCode = (g: Globals): Writer =>
  new Writer()
    .byte(Op.End)
    .byte(Op.GlobalGet).u32(g.depth)
    .byte(Op.I32Const).signed(1n)
    .byte(Op.I32Sub)
    .byte(Op.GlobalSet).u32(g.depth);

/** `fuel = -1; unreachable`, inside an `if`. */
const hostTrap = (w: Writer, g: Globals): Writer =>
  w.byte(Op.If).byte(EMPTY_BLOCK).byte(Op.I64Const).signed(-1n).byte(Op.GlobalSet).u32(g.fuel).byte(Op.Unreachable).byte(Op.End);


/** Body of `grow(pages: i32) -> i32`, standing in for `memory.grow`. */
const growHelperBody = (g: Globals): Writer => {
  const w = new Writer().u32(0); // no locals
  // More than 65536 pages can never be had: -1 without a trap, as wasmi.
  w.byte(Op.LocalGet).u32(0).byte(Op.I32Const).signed(BigInt(MAX_PAGES)).byte(Op.I32GtU);
  w.byte(Op.If).byte(EMPTY_BLOCK).byte(Op.I32Const).signed(-1n).byte(Op.Return).byte(Op.End);
  // fuel -= pages * 1024
  w.byte(Op.GlobalGet).u32(g.fuel)
    .byte(Op.LocalGet).u32(0).byte(Op.I64ExtendI32U)
    .byte(Op.I64Const).signed(BigInt(GROW_FUEL_PER_PAGE))
    .byte(Op.I64Mul).byte(Op.I64Sub)
    .byte(Op.GlobalSet).u32(g.fuel);
  w.byte(Op.GlobalGet).u32(g.fuel).byte(Op.I64Const).byte(0).byte(Op.I64LtS);
  w.bytes([Op.If, EMPTY_BLOCK, Op.Unreachable, Op.End]);
  // memory.size + pages > allowed pages → budget trap
  w.byte(Op.MemorySize).byte(0).byte(Op.I64ExtendI32U)
    .byte(Op.LocalGet).u32(0).byte(Op.I64ExtendI32U)
    .byte(Op.I64Add)
    .byte(Op.GlobalGet).u32(g.pages)
    .byte(Op.I64GtU);
  hostTrap(w, g);
  return w.byte(Op.LocalGet).u32(0).byte(Op.MemoryGrow).byte(0).byte(Op.End);
};

interface Edit {
  readonly at: number;
  /** Bytes of the original module replaced by `code` (0 for an insertion). */
  readonly replace: number;
  readonly code: Writer;
}

/**
 * If/else arms only subtract: they are straight-line code that ends in a call (whose entry
 * checks), a loop header (which checks) or a return, so an overrun there is bounded and the host
 * charges it when it reads the fuel back.
 */
const armCharge = (g: Globals, cost: number): Writer => subtractFuel(new Writer(), g, cost);

const bodyEdits = (body: FunctionBody, g: Globals, growFn: number | undefined): Edit[] => {
  const [entry, ...rest] = body.points;
  const edits: Edit[] = [{ at: entry.at, replace: 0, code: entryCode(g, entry.cost, body.resultType) }];
  for (const p of rest) {
    edits.push({ at: p.at, replace: 0, code: p.kind === 'loop' ? loopCharge(g, p.cost) : armCharge(g, p.cost) });
  }
  for (let i = 0; i < body.returns.length; i += 2)
    edits.push({ at: body.returns[i], replace: 1, code: new Writer().byte(Op.Br).u32(body.returns[i + 1]) });
  for (const at of body.grows) edits.push({ at, replace: 2, code: new Writer().byte(Op.Call).u32(growFn!) });
  edits.push({ at: body.end - 1, replace: 0, code: exitCode(g) });
  return edits.sort((a, b) => a.at - b.at);
};

const instrumentBody = (bytes: Uint8Array, body: FunctionBody, g: Globals, growFn: number | undefined): Writer => {
  const w = new Writer().bytes(bytes.subarray(body.start, body.codeStart));
  let pos = body.codeStart;
  for (const edit of bodyEdits(body, g, growFn)) {
    w.bytes(bytes.subarray(pos, edit.at));
    w.bytes(edit.code.finish());
    pos = edit.at + edit.replace;
  }
  return w.bytes(bytes.subarray(pos, body.end));
};

/** Copies a vector section's entries, skipping its leading count. */
const entriesOf = (bytes: Uint8Array, start: number, end: number): Uint8Array => {
  let p = start;
  while (bytes[p] & 0x80) p++;
  return bytes.subarray(p + 1, end);
};

export interface InstrumentOptions {
  /** The largest linear memory the module may reach, in bytes. */
  readonly maxMemoryBytes: number;
}

export const instrumentModule = (m: ParsedModule, options: InstrumentOptions): Uint8Array<ArrayBuffer> => {
  const { bytes } = m;
  const g: Globals = { fuel: m.globalCount, pages: m.globalCount + 1, depth: m.globalCount + 2 };
  const needsGrow = m.memory !== undefined && m.bodies.some((b) => b.grows.length > 0);
  const growType = m.typeCount;
  const growFn = needsGrow ? m.imports.length + m.functions.length : undefined;
  const capPages = Math.floor(options.maxMemoryBytes / PAGE);
  const section = (id: number) => m.sections.find((s) => s.id === id);
  const out = new Writer().bytes(bytes.subarray(0, 8));
  const emit = (id: number, content: Writer): void => {
    out.byte(id).sized(content);
  };

  const appended = (id: number, count: number, extra: Writer, extraCount: number): Writer => {
    const s = section(id);
    const w = new Writer().u32(count + extraCount);
    if (s) w.bytes(entriesOf(bytes, s.start, s.end));
    return w.bytes(extra.finish());
  };
  const builders: Record<number, () => Writer | undefined> = {
    1: () => (needsGrow ? appended(1, m.typeCount, new Writer().bytes([0x60, 1, 0x7f, 1, 0x7f]), 1) : undefined),
    3: () => (needsGrow ? appended(3, m.functions.length, new Writer().u32(growType), 1) : undefined),
    5: () => {
      if (!m.memory) return undefined;
      const { min, max } = m.memory;
      return new Writer().u32(1).byte(0x01).u32(min).u32(Math.max(min, Math.min(max ?? MAX_PAGES, capPages)));
    },
    6: () =>
      appended(
        6,
        m.globalCount,
        new Writer()
          .bytes([0x7e, 0x01, Op.I64Const, 0x00, Op.End]) // fuel: (mut i64) 0
          .bytes([0x7e, 0x01, Op.I64Const, 0x00, Op.End]) // memory pages: (mut i64) 0
          .bytes([0x7f, 0x01, Op.I32Const, 0x00, Op.End]), // depth: (mut i32) 0
        3,
      ),
    7: () =>
      appended(
        7,
        m.exports.length,
        new Writer()
          .name(FUEL_EXPORT).byte(0x03).u32(g.fuel)
          .name(MEMORY_PAGES_EXPORT).byte(0x03).u32(g.pages)
          .name(DEPTH_EXPORT).byte(0x03).u32(g.depth),
        3,
      ),
    10: () => {
      const w = new Writer().u32(m.bodies.length + (needsGrow ? 1 : 0));
      for (const body of m.bodies) w.sized(instrumentBody(bytes, body, g, growFn));
      if (needsGrow) w.sized(growHelperBody(g));
      return w;
    },
  };

  const written = new Set<number>();
  const write = (id: number): void => {
    if (written.has(id)) return;
    written.add(id);
    const build = builders[id];
    const content = build ? build() : undefined;
    if (content) emit(id, content);
    else {
      const s = section(id);
      if (s) emit(id, new Writer().bytes(bytes.subarray(s.start, s.end)));
    }
  };
  // Emit every section in canonical order, including ones the rewrite adds.
  const ids = [...new Set([...m.sections.map((s) => s.id).filter((id) => id !== 0), 6, 7, ...(needsGrow ? [1, 3, 10] : [])])];
  ids.sort((a, b) => SECTION_RANK[a] - SECTION_RANK[b]);
  for (const id of ids) write(id);
  return out.finish();
};
