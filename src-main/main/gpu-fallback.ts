// Software rendering when the GPU cannot run WebGL. The page finds out (it cannot create a WebGL 2
// context: src-renderer/globe/rendering.ts) and asks over IPC; the main process then relaunches
// the app with Chromium's SwiftShader (CPU) backend for ANGLE. Switches must be set before the
// app is ready, hence a relaunch with a marker argument rather than a reload. Pure decisions
// here; index.ts wires them to Electron.
//
// Started by scripts/start.mjs (LEO_LAUNCHER=start.mjs), the app exits with
// SOFTWARE_RENDERING_EXIT_CODE instead and the launcher starts it again with the marker, so the
// new process stays the launcher's child (its terminal, its Ctrl+C).

/** Marker argument of a run in software rendering (scripts/start.mjs uses the same string). */
export const SOFTWARE_RENDERING_ARG = '--leo-software-rendering';
/** Exit code asking scripts/start.mjs to start the app again with SOFTWARE_RENDERING_ARG. */
export const SOFTWARE_RENDERING_EXIT_CODE = 75;

/**
 * Chromium switches for WebGL on the CPU: ANGLE on SwiftShader, which Chromium only allows for
 * WebGL when told it is fine ("unsafe": SwiftShader is not a security boundary for untrusted
 * content; this app shows only its own page, see security-policy.ts). And no task deferral after
 * input: after a click or key press Chromium holds back posted messages (the engine worker's
 * answers) until the next frame is drawn or 50 ms have passed; a software frame takes 100-300 ms,
 * so every answer to a click waited the full 50 ms (docs/BENCHMARKS.md, "Twelfth session").
 */
export const SOFTWARE_RENDERING_SWITCHES: readonly (readonly [name: string, value?: string])[] = [['use-angle', 'swiftshader'], ['enable-unsafe-swiftshader'], ['disable-features', 'DeferRendererTasksAfterInput']];

export function isSoftwareRenderingRun(argv: readonly string[]): boolean {
  return argv.includes(SOFTWARE_RENDERING_ARG);
}

export type SoftwareRenderingDecision =
  | { action: 'relaunch'; args: string[] } // app.relaunch({ args }), then exit
  | { action: 'exit-for-launcher'; code: number } // the launcher restarts us with the marker
  | { action: 'none'; why: string };

/**
 * What to do when the page reports that WebGL failed. `argv` is process.argv (argv[0] the
 * executable); `launcher` is process.env.LEO_LAUNCHER.
 */
export function decideSoftwareRendering(argv: readonly string[], launcher: string | undefined): SoftwareRenderingDecision {
  if (isSoftwareRenderingRun(argv)) {
    return { action: 'none', why: 'the app already runs in software rendering (SwiftShader), and WebGL failed there too' };
  }
  if (launcher === 'start.mjs') return { action: 'exit-for-launcher', code: SOFTWARE_RENDERING_EXIT_CODE };
  return { action: 'relaunch', args: [...argv.slice(1), SOFTWARE_RENDERING_ARG] };
}

/** Query of the page URL in a software-rendering run (src-renderer/globe/rendering.ts reads it). */
export const SOFTWARE_RENDERING_QUERY: Readonly<Record<string, string>> = { render: 'software-fallback' };
