/** A program and its arguments, as the executor runs them (never through a shell). */
export type Argv = [string, ...string[]];
