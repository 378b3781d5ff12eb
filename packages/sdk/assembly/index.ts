// @sorobox/sdk: write Soroban contracts in AssemblyScript. See the package README.
export * from "./val";
export * from "./symbol";
export * from "./string";
export * from "./bytes";
export * from "./vec";
export * from "./map";
export * from "./int";
export * from "./address";
export * from "./context";
export * from "./crypto";
export * from "./prng";
export * from "./storage";
export * from "./call";
export * from "./deploy";
export * from "./runtime";
