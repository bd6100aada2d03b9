/** Messages between the rehearsal (root namespace) and its client agent (client namespace). */
export interface Probe {
  url: string;
  /** Host header; the URL's host when absent. */
  host?: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** The first few failures, for the report. */
  failures: string[];
}

export type AgentCommand =
  | { op: 'get'; probe: Probe; timeoutMs?: number }
  | {
      op: 'load-start';
      /** Several loads may run at once, told apart by name. */
      name: string;
      probes: Probe[];
      ratePerSecond: number;
      expectStatus: number;
      /** Reuse connections (keep-alive) or open one per request. */
      keepAlive: boolean;
      /**
       * With keepAlive: this many clients of one connection each, taking the requests in turn (so
       * each sends ratePerSecond / connections a second). Without: one shared pool of connections.
       */
      connections?: number;
    }
  | { op: 'load-stop'; name: string }
  | { op: 'serve'; host: string; port: number; text: string }
  | { op: 'run'; argv: string[]; env: Record<string, string> };

export type AgentRequest = AgentCommand & { id: number };

export type AgentReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });
