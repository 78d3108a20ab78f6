import { ConfigError, loadConfig } from '../../src/config.js';

/** The field-level problems loadConfig reports for an environment ([] when it is valid). */
export function configIssuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}
