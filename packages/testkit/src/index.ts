export * from "./mlflow";
