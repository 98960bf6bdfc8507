export { PolicyEngine, type PolicyEvaluation, type PolicyInput, type BackendFactory } from './engine.js';
export { loadPolicyModules, type PolicyModule } from './loader.js';
export { readModuleInfo, toRuleMeta, type ModuleInfo, type Annotation } from './metadata.js';
export { createInterpreterBackend } from './backends/interpreter.js';
export { createWasmBackend } from './backends/wasm.js';
export type { EngineBackend } from './backends/types.js';
