// Types for the parts of scripts/start.mjs that unit tests import (test/unit/main/gpu-fallback.test.ts).
export declare const SOFTWARE_RENDERING_ARG: string;
export declare const SOFTWARE_RENDERING_EXIT_CODE: number;
export declare const SOFTWARE_RENDERING_SWITCHES: readonly string[];
export declare const SOFTWARE_RENDERING_QUERY: string;
export declare function chromiumArgs(options: { url: string; profile: string; root: boolean; software: boolean; extra?: readonly string[] }): string[];
