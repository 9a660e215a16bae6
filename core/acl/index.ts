export * from "./compile";
export * from "./overlaps";
