/**
 * The traced variant's library, built into `dist/kong-mlflow.js` from the
 * workspace sources. Workers load it with {@link loadKongMlflow}.
 */
export * from "@kong-mlflow/node";
