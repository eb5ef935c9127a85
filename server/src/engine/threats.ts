// Titles and one-line explanations of ../shared/THREAT-MODEL.md; hover and docs read them from here.
import type { PrincipleId, ThreatId } from './model';

export const THREATS: Record<ThreatId, { title: string; summary: string }> = {
  'vulnerable-code': { title: 'Vulnerable code', summary: 'a flaw in the application or its dependencies lets an attacker run code inside the container' },
  'image-misconfiguration': { title: 'Image misconfiguration', summary: 'the image gives a compromised process more than it needs' },
  'build-compromise': { title: 'Build compromise', summary: 'the build itself is subverted and plants code that later runs in production' },
  'supply-chain': { title: 'Supply chain', summary: 'what is pulled is not what was meant: a mutable tag, an untrusted registry, an unverified artifact' },
  'container-misconfiguration': { title: 'Container misconfiguration', summary: 'the runtime configuration hands out privileges the workload never needed' },
  'vulnerable-host': { title: 'Vulnerable host', summary: 'a weakness lets the container reach or harm the host or the orchestrator' },
  'exposed-secrets': { title: 'Exposed secrets', summary: 'credentials end up where others can read them: image layers, history, manifests, logs' },
  'insecure-network': { title: 'Insecure network', summary: 'traffic or endpoints are open wider than needed or unencrypted' },
  'container-escape': { title: 'Container escape', summary: 'a process breaks out of its container onto the host or into other containers' },
  'access-control': { title: 'Access control', summary: "the orchestrator's own API is reachable with more rights than needed" },
};

export const PRINCIPLES: Record<PrincipleId, { title: string; summary: string }> = {
  'least-privilege': { title: 'Least privilege', summary: 'give each person and component only the access its job needs' },
  'defence-in-depth': { title: 'Defence in depth', summary: 'keep several layers, so one breach is stopped by the next' },
  'attack-surface': { title: 'Attack surface', summary: 'fewer entry points, fewer packages, fewer exposed interfaces, less code' },
  'blast-radius': { title: 'Blast radius', summary: 'when one part falls, limit what else falls with it' },
  'segregation-of-duties': { title: 'Segregation of duties', summary: 'split authority so that no single component or person holds all of it' },
};
