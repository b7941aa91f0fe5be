export * from "./mlflow";
export * from "./kong";
