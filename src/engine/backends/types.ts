// What the engine needs from a backend: the value of one rule of one package for an input.
export interface EngineBackend {
  readonly name: 'interpreter' | 'wasm';
  /** `defined: false` when the rule is undefined for this input (an empty result). */
  evaluateRule(packagePath: string, rule: string, opts: { input: unknown; now: Date; timeoutMs: number }): Promise<{ defined: boolean; value?: unknown }>;
  /** Frees what the backend kept between rules of one evaluation (called when it ends). */
  release?(): void;
}
