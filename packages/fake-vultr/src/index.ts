export * from "./server";
export * from "./faults";
export * from "./instance";
export * from "./dns";
export * from "./dns-server";
