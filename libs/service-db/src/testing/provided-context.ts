// What the global setup provides to test files (vitest `provide` / `inject`).
declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the shared server (database `postgres`). */
    switchyardPgAdminUrl: string;
    switchyardPgPort: number;
    switchyardPgDataDir: string;
    /** Base URL of the control endpoint (POST /stop, POST /start). */
    switchyardPgControlUrl: string;
  }
}

export {};
