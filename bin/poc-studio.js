#!/usr/bin/env node
// `poc-studio` CLI entry: registers tsx so the TypeScript sources run as they are, then hands
// over to electron/cli/main.ts (demo, sandbox, validate).
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
