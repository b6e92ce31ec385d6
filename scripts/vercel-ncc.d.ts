// @vercel/ncc ships no types; the part of its programmatic API scripts/build.ts uses.
declare module '@vercel/ncc' {
  interface NccOptions {
    license?: string
    target?: string
    quiet?: boolean
    /** ES module output; CommonJS when false, whatever the entry is. */
    esm?: boolean
    minify?: boolean
    /** A package name to the specifier the bundle imports in its place at run time. */
    externals?: Record<string, string>
  }
  interface NccOutput {
    code: string
    assets: Record<string, { source: string | Buffer; permissions?: number }>
    /** webpack's stats: every module of the compilation, with the file it came from. */
    stats: { compilation: { modules: Iterable<{ resource?: string }> } }
  }
  export default function ncc(entry: string, options: NccOptions): Promise<NccOutput>
}
