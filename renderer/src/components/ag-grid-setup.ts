import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

/**
 * Registers AG Grid's community modules (once; registering again is a no-op). Imported by the
 * lazily loaded screens that show grids — never by the first screen's chunks, so AG Grid loads
 * only when a grid is about to show (renderer/src/app/StepContent.tsx, FileSection's preview).
 */
ModuleRegistry.registerModules([AllCommunityModule]);

/** True once this module has run (for the loaders that import it first). */
export const isAgGridRegistered = true;
