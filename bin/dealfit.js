#!/usr/bin/env node
// The `dealfit` bin: runs the TypeScript CLI through tsx (a runtime dependency), so an
// installed checkout works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
