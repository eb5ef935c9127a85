// A generated monorepo for scaling checks: per service a Namespace (with a Pod Security level), a Secret,
// a Deployment that reads it and a Dockerfile, so every Kubernetes file uses the workspace index the
// way real ones do. Used by the index complexity test and the CLI scaling bench.

/** The four files of service `i`, by path relative to the workspace root. */
export function serviceFiles(i: number): Record<string, string> {
  return {
    [`svc-${i}/namespace.yaml`]: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n`,
    [`svc-${i}/secret.yaml`]: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds-${i}\n  namespace: ns-${i}\nstringData:\n  TOKEN: ""\n`,
    [`svc-${i}/deployment.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ns-${i}\nspec:\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n        - name: app\n          image: example/app-${i}:1.0\n          envFrom:\n            - secretRef:\n                name: creds-${i}\n`,
    [`svc-${i}/Dockerfile`]: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
  };
}

/** About `files` files: whole services of four. */
export function serviceWorkspace(files: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i * 4 < files; i++) Object.assign(out, serviceFiles(i));
  return out;
}
