/**
 * Reads an environment variable where the runtime has `process.env`
 * (Node, Vercel Edge, workerd with nodejs_compat); undefined elsewhere.
 * Empty values count as unset.
 */
export function readEnv(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] || undefined;
}
