export * from "./mlflow";
export * from "./kong";
export * from "./bundle";
