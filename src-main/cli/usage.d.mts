/** The CLI's help text (usage.mjs). */
export declare const USAGE: string;
