// The scaffold planner's public surface, shared by the CLI and the VS Code commands.
export * from "./answers";
export * from "./detect";
export * from "./middleware";
export * from "./planner";
export * from "./templateEngine";
export * from "./templates";
export * from "./nodeProjectFiles";
export * from "./entryModule";
export * from "./serverFiles";
export * from "./writePlan";
